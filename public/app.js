// The chat page: plain ES module, no build step. Everything the server sends
// is rendered with textContent (never innerHTML): pasted text is untrusted.
const ANSWER_LABELS = { confirmed: 'Confirmed', ruled_out: 'Ruled out', resolved: 'Fixed it', not_resolved: 'Still failing' };
const SWITCH_LABELS = { accept: 'Switch runbook', decline: 'Keep the current one' };

const $ = (selector) => document.querySelector(selector);
const messagesList = $('#messages');
const actions = $('#actions');
const statusLine = $('#status');
const composer = $('#composer');
const textArea = $('#text');

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'data') Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const payload = await response.json().catch(() => ({ message: response.statusText }));
  if (!response.ok) throw Object.assign(new Error(payload.message ?? 'request failed'), { status: response.status, payload });
  return payload;
}

let conversationId = new URLSearchParams(location.search).get('c') ?? localStorage.getItem('pgtriage.conversation');

async function ensureConversation() {
  if (conversationId) {
    try {
      render(await api('GET', `/api/conversations/${encodeURIComponent(conversationId)}`));
      remember(conversationId);
      return;
    } catch (error) {
      if (error.status !== 404) throw error;
    }
  }
  const { id } = await api('POST', '/api/conversations');
  remember(id);
  render({ id, messages: [], state: null });
}

function remember(id) {
  conversationId = id;
  localStorage.setItem('pgtriage.conversation', id);
  const url = new URL(location.href);
  url.searchParams.set('c', id);
  history.replaceState(null, '', url);
}

function render(view) {
  messagesList.replaceChildren(...view.messages.map(renderMessage));
  renderActions(view.state);
  messagesList.lastElementChild?.scrollIntoView({ block: 'nearest' });
}

function renderMessage(message) {
  const item = el('li', { class: `${message.role} ${message.type}`, data: { type: message.type } });
  switch (message.type) {
    case 'user_text':
      item.append(message.text);
      break;
    case 'user_answer':
      item.append(`${ANSWER_LABELS[message.answer] ?? message.answer}: ${message.stepId}`);
      break;
    case 'user_switch':
      item.append(SWITCH_LABELS[message.choice] ?? message.choice);
      break;
    case 'triage':
      item.append(renderTriage(message));
      break;
    case 'check':
    case 'fix':
    case 'resolved':
      item.append(renderStep(message));
      break;
    case 'exhausted':
      item.append(el('p', {}, message.text), el('ul', {}, message.collectNext.map((entry) => el('li', {}, entry))));
      break;
    case 'audit':
      item.append(renderAudit(message.report), el('p', {}, message.text));
      break;
    default:
      item.append(message.text ?? '');
  }
  return item;
}

function renderTriage(reply) {
  const box = el('div', { class: 'triage' });
  box.append(el('p', {}, 'Family: ', el('span', { class: 'family', data: { family: reply.family } }, reply.family), ` (confidence ${Math.round(reply.confidence * 100)}%)`));
  if (reply.evidence.length > 0) {
    box.append(el('p', { class: 'evidence' }, 'Evidence: ', reply.evidence.map((evidence, i) => [i > 0 ? ' ' : '', el('mark', { title: evidence.rule }, evidence.text)])));
  }
  if (reply.alternatives.length > 0) {
    box.append(el('p', {}, 'Could also be: ', reply.alternatives.map((alternative) => `${alternative.family} (${Math.round(alternative.confidence * 100)}%)`).join(', ')));
  }
  box.append(el('p', {}, reply.text));
  if (reply.family !== 'unknown') {
    box.append(el('ol', { class: 'runbook' }, reply.runbook.steps.map((step) => el('li', { data: { stepId: step.id } }, step.title))));
  }
  if (reply.secretExposed) box.append(el('p', { class: 'secret' }, 'Your paste held a live secret: it was redacted; rotate it.'));
  return box;
}

function renderStep(reply) {
  const { step } = reply;
  const heading = reply.type === 'check' ? `Check ${reply.index + 1} of ${reply.total}: ${step.title}` : reply.text;
  const rows = reply.type === 'check'
    ? [['Do', step.action], ['Verify', el('pre', {}, step.verify)], ['Confirmed if', step.confirmed], ['Ruled out if', step.ruledOut]]
    : reply.type === 'fix'
      ? [['Fix', step.fix], ['Then', 'Run the failing command or request again.']]
      : [];
  return el('div', { class: 'step', data: { stepId: step.id } }, el('h3', {}, heading), el('dl', {}, rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])));
}

function renderAudit(report) {
  const box = el('div', { class: 'audit' });
  // `meant` is the string the user most likely meant (a DATABASE_URL= line's value, unquoted).
  const reading = report.meant ?? report;
  const lead = report.meant ? 'The value pasted' : 'Connection string';
  box.append(el('p', {}, reading.ok ? `${lead}: libpq reads it without error.` : `${lead}: libpq rejects it (${reading.error?.message ?? 'unknown reason'}).`));
  if (report.redacted) box.append(el('pre', {}, report.redacted));
  if (report.findings?.length) {
    box.append(el('ul', { class: 'findings' }, report.findings.map((finding) => el('li', { class: finding.severity }, `[${finding.severity}] ${finding.message}${finding.fix ? ` Fix: ${finding.fix}` : ''}`))));
  }
  return box;
}

function renderActions(state) {
  actions.replaceChildren();
  if (!state) return;
  if (state.type === 'switch_offer') {
    for (const choice of state.choices) actions.append(el('button', { type: 'button', data: { switch: choice } }, SWITCH_LABELS[choice]));
    return;
  }
  for (const answer of state.answers ?? []) {
    actions.append(el('button', { type: 'button', data: { answer, stepId: state.step.id } }, ANSWER_LABELS[answer]));
  }
}

async function send(body) {
  statusLine.textContent = '';
  setBusy(true);
  try {
    await api('POST', `/api/conversations/${encodeURIComponent(conversationId)}/messages`, body);
    render(await api('GET', `/api/conversations/${encodeURIComponent(conversationId)}`));
    return true;
  } catch (error) {
    statusLine.textContent = error.message;
    return false;
  } finally {
    setBusy(false);
  }
}

function setBusy(busy) {
  for (const button of document.querySelectorAll('button')) button.disabled = busy;
}

composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = textArea.value;
  if (text.trim() === '') return;
  if (await send({ text })) textArea.value = '';
});

actions.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  if (button.dataset.switch) void send({ switch: button.dataset.switch });
  else void send({ answer: { stepId: button.dataset.stepId, answer: button.dataset.answer } });
});

$('#new-conversation').addEventListener('click', async () => {
  localStorage.removeItem('pgtriage.conversation');
  conversationId = null;
  await ensureConversation();
});

ensureConversation().catch((error) => {
  statusLine.textContent = `Could not open a conversation: ${error.message}`;
});
