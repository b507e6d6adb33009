// The chat page: plain ES modules, no build step. Everything the server sends
// is rendered as text (lib/dom.js), never as markup: pasted text is untrusted.
import { accessToken, ApiError, conversations, newIdempotencyKey, stream } from './lib/api.js';
import * as cards from './lib/cards.js';
import { checklistCard, checklistSignature, QUIET_TYPES, setupChecklist, userChecklist } from './lib/checklist-card.js';
import { el } from './lib/dom.js';
import { PASTE_KINDS, pasteKind } from './lib/paste-kind.js';
import { doctorCard, sanityCard } from './lib/probe-cards.js';
import { eventsOf } from './lib/sse.js';

const STORAGE_KEY = 'pgtriage.conversation';
const POSITION_TYPES = new Set(['check', 'fix', 'resolved', 'exhausted', 'switch_offer']);
const QUICK_ACTIONS = {
  audit: {
    label: 'Paste the connection string to audit',
    placeholder: 'postgresql://neondb_owner:…@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require',
    hint: 'The audit shows the six parts (driver, user, password, host, database, parameters) and what breaks on Neon. The password is redacted before anything stores it.',
  },
  runbook: {
    label: 'Paste the exact error your app printed',
    placeholder: 'error: password authentication failed for user "neondb_owner"',
    hint: 'The whole message, with any code such as 28P01 or ECONNREFUSED: it decides the family and the runbook.',
  },
};

const $ = (selector) => document.querySelector(selector);
const messagesList = $('#messages');
const intro = $('#intro');
const statusLine = $('#status');
const errorBox = $('#error');
const composer = $('#composer');
const textArea = $('#text');
const textLabel = $('label[for="text"]');
const pasteHint = $('#paste-hint');
const sendButton = $('#send');
const conversationList = $('#conversation-list');
const conversationEmpty = $('#conversation-empty');
const historyPanel = $('#history-panel');
const liveList = $('#live');
const defaultLabel = textLabel.textContent;
const defaultPlaceholder = textArea.placeholder;

let conversationId = null;
/** seq -> {signature, node}: a card whose inputs did not change is kept, with its open details. */
let rendered = new Map();
let busy = false;
let quickAction = null;
let lastView = null;
/** phrasingId -> the phrasing as streamed so far ({...reply, sections, status}). */
const phrasings = new Map();

// --- the conversation -------------------------------------------------------

function remember(id) {
  conversationId = id;
  if (id === null) localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, id);
  const url = new URL(location.href);
  if (id === null) url.searchParams.delete('c');
  else url.searchParams.set('c', id);
  history.replaceState(null, '', url);
}

// Bumped by every move to another conversation: a read that comes back after
// the user moved on (New conversation while the last one still loads) is dropped.
let navigation = 0;

async function open(id) {
  const ticket = ++navigation;
  try {
    const view = await conversations.read(id);
    if (ticket !== navigation) return;
    render(view);
    remember(id);
  } catch (error) {
    if (ticket !== navigation) return;
    // Gone (another browser's, or a store that was reset): start afresh rather than fail.
    if (error instanceof ApiError && error.status === 404) {
      remember(null);
      render(null);
      return;
    }
    throw error;
  }
}

/** Everything a card needs that depends on the whole conversation, not just its own message. */
function derive(view) {
  const messages = view.messages;
  const state = view.state;
  const stepTitles = new Map();
  const familyTitles = new Map();
  for (const message of messages) {
    if (message.type === 'triage') {
      familyTitles.set(message.family, message.title ?? message.family);
      for (const step of message.runbook?.steps ?? []) stepTitles.set(step.id, step.title);
    }
    if (message.step) stepTitles.set(message.step.id, message.step.title);
  }

  // The current card is the last position message, when it is where the runbook stands.
  let currentSeq = null;
  const lastPosition = [...messages].reverse().find((message) => POSITION_TYPES.has(message.type));
  if (state && lastPosition && lastPosition.type === state.type && lastPosition.step?.id === state.step?.id) currentSeq = lastPosition.seq;

  // The answer each user message gave: its own, or (Verify) the one the probe's verdict gave.
  const answerOf = new Map();
  messages.forEach((message, index) => {
    if (message.type === 'user_answer') answerOf.set(message.seq, message.answer);
    if (message.type === 'user_verify') {
      const verdict = messages.slice(index + 1).find((later) => later.type === 'verdict' || later.role === 'user');
      if (verdict?.type === 'verdict' && verdict.answer) answerOf.set(message.seq, verdict.answer);
    }
  });

  // Each check or fix card shows the answer given to it (the next user message).
  const answeredWith = new Map();
  messages.forEach((message, index) => {
    if (!POSITION_TYPES.has(message.type)) return;
    const next = messages.slice(index + 1).find((later) => later.role === 'user');
    if (next !== undefined && next.stepId === message.step?.id && answerOf.has(next.seq)) answeredWith.set(message.seq, answerOf.get(next.seq));
  });

  // The runbook being walked: its triage card shows done / current / ahead.
  const activeFamily = state ? (state.type === 'switch_offer' ? state.from : state.family) : null;
  const activeTriage = [...messages].reverse().find((message) => message.type === 'triage' && message.family === activeFamily);
  let progress = null;
  if (activeTriage) {
    const where = state.type === 'switch_offer' ? [...messages].reverse().find((m) => POSITION_TYPES.has(m.type) && m.type !== 'switch_offer' && m.family === activeFamily) : state;
    const answers = new Map();
    for (const message of messages) if (message.seq > activeTriage.seq && answerOf.has(message.seq)) answers.set(message.stepId, answerOf.get(message.seq));
    progress = { answers, statusOf: (_stepId, index) => stepStatus(where, index) };
  }
  return { stepTitles, familyTitles, currentSeq, answeredWith, activeTriageSeq: activeTriage?.seq ?? null, progress, state };
}

function stepStatus(where, index) {
  if (!where) return 'ahead';
  switch (where.type) {
    case 'check':
    case 'fix':
      return index < where.index ? 'done' : index === where.index ? 'current' : 'ahead';
    case 'resolved':
      return index <= where.index ? 'done' : 'ahead';
    case 'exhausted':
      return 'done';
    default:
      return 'ahead';
  }
}

function render(view) {
  lastView = view;
  const messages = (view?.messages ?? []).filter((message) => !QUIET_TYPES.has(message.type)).map((message) => (message.type === 'phrasing' ? (phrasings.get(message.phrasingId) ?? message) : message));
  intro.hidden = messages.length > 0;
  if (view === null || view.id !== render.lastId) rendered = new Map();
  render.lastId = view?.id ?? null;
  const context = view ? derive(view) : null;
  let lastUserText = '';
  const nodes = [];
  for (const message of messages) {
    if (message.type === 'user_text') lastUserText = message.text;
    const signature = signatureOf(message, context);
    const kept = rendered.get(message.seq);
    if (kept && kept.signature === signature) {
      nodes.push(kept.node);
      continue;
    }
    const node = el('li', { class: `message ${message.role}`, data: { type: message.type, seq: message.seq } }, renderMessage(message, context, lastUserText));
    rendered.set(message.seq, { signature, node });
    nodes.push(node);
  }
  messagesList.replaceChildren(...nodes);
  // A state with no stored message for it yet (should not happen): show it anyway, so the user can act.
  if (context?.state && context.currentSeq === null && !messages.some((m) => POSITION_TYPES.has(m.type))) {
    messagesList.append(el('li', { class: 'message assistant' }, renderMessage({ ...context.state, seq: -1 }, { ...context, currentSeq: -1 }, lastUserText)));
  }
}

function signatureOf(message, context) {
  if (message.type === 'triage') {
    if (message.seq !== context.activeTriageSeq) return 'inactive';
    const steps = message.runbook?.steps ?? [];
    return JSON.stringify(steps.map((step, index) => [context.progress.statusOf(step.id, index), context.progress.answers.get(step.id) ?? null]));
  }
  if (POSITION_TYPES.has(message.type)) return `${message.seq === context.currentSeq}|${context.answeredWith.get(message.seq) ?? ''}`;
  if (message.type === 'user_answer' || message.type === 'user_verify' || message.type === 'verdict') return String(context.stepTitles.get(message.stepId));
  if (message.type === 'phrasing') return `${message.status}|${message.sections?.length ?? 0}`;
  if (message.type === 'checklist') return checklistSignature(message);
  return 'static';
}

function renderMessage(message, context, lastUserText) {
  switch (message.type) {
    case 'user_text':
      return cards.userText(message);
    case 'user_answer':
      return cards.userAnswer(message, context.stepTitles);
    case 'user_switch':
      return cards.userSwitch(message);
    case 'user_verify':
      return cards.userVerify(message, context.stepTitles);
    case 'verdict':
      return cards.probeVerdict(message, { stepTitle: context.stepTitles.get(message.stepId) });
    case 'triage':
      return cards.triage(message, { pasted: lastUserText, progress: message.seq === context.activeTriageSeq ? context.progress : null });
    case 'check':
    case 'fix':
    case 'resolved':
    case 'exhausted': {
      const current = message.seq === context.currentSeq;
      // Whether the probe decides the current check comes from `state`, read fresh (a message stored earlier may not say).
      const shown = current && context.state ? { ...message, probeCheck: context.state.probeCheck ?? null } : message;
      const card = cards.position(shown, { current, familyTitle: context.familyTitles.get(message.family), answeredWith: context.answeredWith.get(message.seq) });
      if (current || message.type === 'resolved' || message.type === 'exhausted') return card;
      return collapsed(message, card, context.answeredWith.get(message.seq));
    }
    case 'switch_offer':
      return cards.switchOffer(message, { current: message.seq === context.currentSeq });
    case 'audit':
      return cards.audit(message);
    case 'secret_warning':
      return cards.secretWarning(message);
    case 'user_checklist':
      return userChecklist(message);
    case 'checklist':
      return checklistCard(message);
    case 'note':
      return cards.note(message);
    case 'phrasing':
      if (message.status === 'pending') void followPhrasing(message);
      return cards.phrasing(message);
    default:
      // A reply type this page does not know yet: its text, never its markup.
      return cards.note({ text: message.text ?? '' });
  }
}

/** An earlier check, one line until opened. */
function collapsed(message, card, answer) {
  const label = message.type === 'fix' ? `Fix for check ${message.index + 1}` : `Check ${message.index + 1} of ${message.total}`;
  return el(
    'details',
    { class: 'earlier' },
    el('summary', {}, el('span', { class: 'one-line' }, `${label}: ${message.step.title}`), answer ? el('span', { class: `step-status ${answer}` }, cards.ANSWER_LABELS[answer] ?? answer) : null),
    card,
  );
}

/** A pending phrasing streams its sections (server-sent events), then its final form. */
async function followPhrasing(reply) {
  if (phrasings.has(reply.phrasingId)) return;
  const live = { ...reply, sections: [...(reply.sections ?? [])] };
  phrasings.set(reply.phrasingId, live);
  try {
    for await (const { event, data } of eventsOf(await stream('GET', reply.events))) {
      if (event === 'section') live.sections.push(data);
      if (event === 'done') phrasings.set(reply.phrasingId, data);
      if (lastView) render(lastView);
    }
  } catch {
    // The stream broke: the stored phrasing is read back complete on the next load.
  }
}

// --- sending ------------------------------------------------------------------

/** The send that did not go through: Retry (or sending the same message again) reuses its Idempotency-Key. */
let unsent = null;

async function send(body, { focusCurrent, working }) {
  if (busy) return false;
  const same = unsent !== null && unsent.json === JSON.stringify(body) && unsent.conversationId === conversationId;
  const attempt = same ? unsent : { json: JSON.stringify(body), body, focusCurrent, working, conversationId, key: newIdempotencyKey() };
  setBusy(true, working ?? (body.text !== undefined ? 'Reading your paste…' : 'Moving to the next check…'));
  if (body.verify) cards.showVerifying(messagesList.querySelector(`button[data-verify="${CSS.escape(body.verify.stepId)}"]`));
  errorBox.replaceChildren();
  try {
    if (conversationId === null) remember((await conversations.create()).id);
    attempt.conversationId = conversationId;
    const { replies } = await conversations.post(conversationId, body, attempt.key);
    unsent = null;
    // The paste arrived (also when a retry sent it): the input is free for the next one.
    if (body.text !== undefined && textArea.value === body.text) {
      textArea.value = '';
      setQuickAction(null);
    }
    render(await conversations.read(conversationId));
    announce(replies);
    // After an answer the next card takes focus; after a paste, only when it brought a new check.
    if (focusCurrent || replies.some((reply) => POSITION_TYPES.has(reply.type))) focusCurrentCard();
    else messagesList.querySelector(`li[data-seq="${lastSeq()}"]`)?.scrollIntoView({ block: 'nearest' });
    void refreshConversationList();
    return true;
  } catch (error) {
    unsent = error instanceof ApiError && (error.retryable || error.needsToken) ? attempt : null;
    showError(error, unsent ? () => send(attempt.body, attempt) : null, { sending: true });
    return false;
  } finally {
    setBusy(false);
  }
}

function lastSeq() {
  return [...messagesList.querySelectorAll('li[data-seq]')].at(-1)?.dataset.seq;
}

function focusCurrentCard() {
  const heading = messagesList.querySelector('.card [tabindex="-1"]');
  if (heading) heading.focus();
}

/** One short sentence for screen readers: what came back. */
function announce(replies) {
  const parts = [];
  for (const reply of replies) {
    if (reply.type === 'triage') parts.push(reply.family === 'unknown' ? 'Not a known connection error.' : `Triage: ${reply.title ?? reply.family}.`);
    if (reply.type === 'check') parts.push(`Check ${reply.index + 1} of ${reply.total}: ${reply.step.title}.`);
    if (reply.type === 'fix') parts.push(`Confirmed. Apply the fix for ${reply.step.title}.`);
    if (reply.type === 'resolved') parts.push('Resolved.');
    if (reply.type === 'exhausted') parts.push('Every check is ruled out.');
    if (reply.type === 'audit') parts.push(`Connection string audit: ${reply.report.findings.length} findings.`);
    if (reply.type === 'secret_warning') parts.push('A secret in your paste was redacted: rotate it.');
    if (reply.type === 'checklist') parts.push(reply.text);
    if (reply.type === 'switch_offer') parts.push(reply.text);
    if (reply.type === 'verdict') parts.push(`Live probe: ${reply.verdict.replace('_', ' ')}. ${reply.evidence}`);
  }
  statusLine.textContent = parts.join(' ');
}

function setBusy(value, message = '') {
  busy = value;
  document.body.toggleAttribute('data-busy', value);
  sendButton.disabled = value;
  for (const button of messagesList.querySelectorAll('button.answer, button.verify')) button.disabled = value;
  if (!value) cards.stopVerifying(messagesList);
  if (value) statusLine.textContent = message;
}

/** What Retry (or a token just given) does again. */
let retryLast = null;

/** A failure, calmly, with Retry when `retry` may succeed; a missing or refused token asks for it, then retries. */
function showError(error, retry = null, { sending = false } = {}) {
  retryLast = retry;
  if (error instanceof ApiError && error.needsToken) {
    errorBox.replaceChildren(cards.tokenForm({ rejected: accessToken.get() !== null }));
    errorBox.querySelector('input').focus();
    return;
  }
  errorBox.replaceChildren(cards.failure(error, { retry: error instanceof ApiError && error.retryable ? retry : null, sending }));
  // Focus was on the control that sent (now re-enabled or gone): Retry is the next thing to do.
  errorBox.querySelector('button[data-retry]')?.focus();
}

errorBox.addEventListener('click', (event) => {
  if (!event.target.closest('button[data-retry]') || retryLast === null) return;
  void retryLast();
});
errorBox.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = new FormData(event.target).get('token')?.trim();
  if (!value) return;
  accessToken.set(value);
  errorBox.replaceChildren();
  statusLine.textContent = 'Token set for this tab.';
  void (retryLast ?? boot)();
});

// --- the live probe ---------------------------------------------------------------

let probing = false;

/** POST /api/doctor, streamed: each check (or sanity step) redraws the card as it arrives. */
async function runProbe(kind) {
  if (probing) return;
  probing = true;
  const sanity = kind === 'sanity';
  const run = { checks: [], steps: [], report: null, error: null };
  const item = el('li', { class: 'message assistant', data: { probe: kind } });
  liveList.append(item);
  const draw = () => item.replaceChildren(sanity ? sanityCard(run) : doctorCard(run));
  draw();
  item.scrollIntoView({ block: 'nearest' });
  for (const button of document.querySelectorAll('button[data-probe]')) button.disabled = true;
  statusLine.textContent = sanity ? 'Running the deployment sanity check…' : 'Checking the database…';
  try {
    const response = await stream('POST', '/api/doctor', sanity ? { sanity: true } : {});
    for await (const { event, data } of eventsOf(response)) {
      if (event === 'check') run.checks.push(data);
      else if (event === 'step') run.steps.push(data);
      else if (event === 'report') Object.assign(run, { report: data, checks: data.checks ?? run.checks, steps: data.steps ?? run.steps });
      else if (event === 'error') run.error = data;
      draw();
    }
    if (run.report === null && run.error === null) run.error = { message: 'The probe stopped before its report.', fix: 'Run it again.' };
  } catch (error) {
    run.error = { message: error.message, fix: error instanceof ApiError ? error.fix : null };
    if (error instanceof ApiError && error.needsToken) showError(error, () => runProbe(kind));
  } finally {
    draw();
    probing = false;
    for (const button of document.querySelectorAll('button[data-probe]')) button.disabled = false;
    const results = sanity ? run.steps : run.checks;
    const failed = results.filter((result) => result.status === 'fail').length;
    statusLine.textContent = run.error ? `The probe could not run: ${run.error.message}` : `${sanity ? 'Sanity check' : 'Probe'} finished: ${failed === 0 ? 'nothing failed' : `${failed} failed`}.`;
  }
}

// --- the earlier conversations -------------------------------------------------

async function refreshConversationList({ quiet = true } = {}) {
  let list;
  try {
    ({ conversations: list } = await conversations.list());
  } catch (error) {
    // The list is a convenience; the conversation itself already answered or showed its error.
    if (quiet) return;
    throw error;
  }
  conversationEmpty.hidden = list.length > 0;
  conversationList.replaceChildren(
    ...list.map((item) =>
      el(
        'li',
        {},
        el(
          'a',
          { href: `/?c=${encodeURIComponent(item.id)}`, 'aria-current': item.id === conversationId ? 'page' : null, data: { id: item.id } },
          el('span', { class: 'conversation-title' }, item.title),
          el('time', { datetime: item.updatedAt, class: 'muted' }, new Date(item.updatedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })),
        ),
      ),
    ),
  );
}

// --- input ------------------------------------------------------------------------

function updateHint() {
  const kind = pasteKind(textArea.value);
  pasteHint.textContent = kind === 'empty' && quickAction ? QUICK_ACTIONS[quickAction].hint : PASTE_KINDS[kind].hint;
  pasteHint.dataset.kind = kind;
}

function setQuickAction(name) {
  quickAction = name;
  const action = name ? QUICK_ACTIONS[name] : null;
  textLabel.textContent = action?.label ?? defaultLabel;
  textArea.placeholder = action?.placeholder ?? defaultPlaceholder;
  for (const button of document.querySelectorAll('[data-quick]')) button.setAttribute('aria-pressed', String(button.dataset.quick === name));
  updateHint();
}

composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = textArea.value;
  if (text.trim() === '') {
    textArea.focus();
    return;
  }
  await send({ text }, { focusCurrent: false });
});

// Enter sends; Shift+Enter adds a line (and an IME composition's Enter is the IME's).
textArea.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  composer.requestSubmit();
});
textArea.addEventListener('input', updateHint);

document.querySelector('#quick-actions').addEventListener('click', (event) => {
  const probe = event.target.closest('button[data-probe]');
  if (probe) {
    void runProbe(probe.dataset.probe);
    return;
  }
  const button = event.target.closest('button[data-quick]');
  if (!button) return;
  setQuickAction(button.dataset.quick === quickAction ? null : button.dataset.quick);
  textArea.focus();
});

messagesList.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button || button.disabled) return;
  if (button.dataset.copy !== undefined) void copy(button);
  else if (button.dataset.switch) void send({ switch: button.dataset.switch }, { focusCurrent: true });
  else if (button.dataset.answer) void send({ answer: { stepId: button.dataset.stepId, answer: button.dataset.answer } }, { focusCurrent: true });
  else if (button.dataset.verify) void send({ verify: { stepId: button.dataset.verify } }, { focusCurrent: true, working: `Verifying with the live probe (${button.dataset.probeCheck})…` });
});

async function copy(button) {
  const text = button.dataset.copy;
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    // No async clipboard (a plain-http origin other than localhost): copy from a selection.
    const scratch = el('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
    scratch.value = text;
    document.body.append(scratch);
    scratch.select();
    copied = document.execCommand('copy');
    scratch.remove();
    button.focus();
  }
  button.textContent = copied ? 'Copied' : 'Copy failed';
  statusLine.textContent = copied ? 'Command copied to the clipboard.' : 'The browser did not allow copying: select the command and copy it by hand.';
  setTimeout(() => {
    button.textContent = 'Copy';
  }, 2000);
}

$('#new-conversation').addEventListener('click', () => {
  navigation++;
  remember(null);
  render(null);
  errorBox.replaceChildren();
  statusLine.textContent = 'New conversation: paste an error or a connection string.';
  void refreshConversationList();
  textArea.focus();
});

// Wide screens show the list beside the conversation; phones keep it folded.
if (matchMedia('(min-width: 60rem)').matches) historyPanel.open = true;

setupChecklist({
  opener: $('#checklist-open'),
  slot: $('#checklist-slot'),
  messagesList,
  send: (body) => send(body, { focusCurrent: false, working: 'Making your secret checklist…' }),
  post: (body) => conversations.post(conversationId, body, newIdempotencyKey()),
  say: (text) => {
    errorBox.replaceChildren();
    statusLine.textContent = text;
  },
  fail: showError,
});

async function start() {
  updateHint();
  const id = new URLSearchParams(location.search).get('c') ?? localStorage.getItem(STORAGE_KEY);
  if (id) await open(id);
  else render(null);
  await refreshConversationList({ quiet: false });
}

/** Loads the page's conversation and list; a failure shows with Retry (or the token form), which loads again. */
function boot() {
  return start().catch((error) => showError(error, boot));
}

void boot();
