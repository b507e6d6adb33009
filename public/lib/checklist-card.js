// The secret checklist (lesson prompt 3) on the page: a small form for what it
// reads (a description, a .env or .env.example, a .gitignore), and the card
// whose boxes are ticked on the server (`{tick}` messages), so a reload, a
// restart or another tab shows the same ticks. Everything from the server is
// rendered as text (dom.js); app.js only routes messages here.
import { el, richText, uniqueId, withRedactions } from './dom.js';

/** Tick messages change the card; they are not shown as messages of their own. */
export const QUIET_TYPES = new Set(['user_tick', 'tick']);

const SEVERITY_BADGES = { error: 'Error', warn: 'Warning', info: 'Note' };

/** What the user sent, as a bubble: never the .env itself (only its variable names were kept). */
export function userChecklist(message) {
  return el(
    'div',
    { class: 'bubble' },
    el('p', { class: 'bubble-label' }, 'You asked for the secret checklist'),
    message.description ? el('p', {}, withRedactions(message.description)) : null,
    message.variables?.length > 0 ? el('p', { class: 'muted' }, `.env with ${message.variables.length} variable${message.variables.length === 1 ? '' : 's'}: `, message.variables.map((name, i) => [i > 0 ? ', ' : '', el('code', {}, name)])) : null,
    message.gitignore ? el('p', { class: 'muted' }, 'and your .gitignore') : null,
  );
}

/** What the card shows that can change: a card whose ticks did not change is kept as it is (with its focus). */
export function checklistSignature(reply) {
  const items = [...(reply.secrets ?? []).flatMap((secret) => secret.items ?? []), ...(reply.gitignore?.items ?? [])];
  return `${reply.current}|${items.map((item) => (item.done ? 1 : 0)).join('')}`;
}

/** The checklist card: the current one has boxes to tick; one a newer checklist replaced is folded to a line. */
export function checklistCard(reply) {
  if (reply.current === false) {
    return el(
      'details',
      { class: 'earlier' },
      el('summary', {}, el('span', { class: 'one-line' }, `An earlier secret checklist (${reply.secrets.length} secret${reply.secrets.length === 1 ? '' : 's'}), replaced by a newer one`)),
      el('ul', { class: 'checklist-names' }, reply.secrets.map((secret) => el('li', {}, el('code', {}, secret.name), ` · ${secret.provider}`))),
    );
  }
  const headingId = uniqueId('checklist');
  const progressId = uniqueId('checklist-progress');
  return el(
    'article',
    { class: 'card checklist', 'aria-labelledby': headingId, 'aria-describedby': progressId, data: { seq: reply.seq } },
    el(
      'header',
      { class: 'card-head' },
      el('p', { class: 'eyebrow' }, 'Secret checklist'),
      el('h3', { id: headingId }, `${reply.secrets.length} secret${reply.secrets.length === 1 ? '' : 's'} to keep safe`),
      el('p', { id: progressId, class: 'checklist-progress' }, progressText(reply.progress)),
      el('progress', { max: String(reply.progress.total || 1), value: String(reply.progress.done), 'aria-hidden': 'true' }),
    ),
    gitignoreSection(reply.gitignore),
    reply.findings?.length > 0
      ? el(
          'ul',
          { class: 'checklist-findings' },
          reply.findings.map((finding) => el('li', {}, el('span', { class: `badge ${finding.severity}` }, SEVERITY_BADGES[finding.severity] ?? finding.severity), el('span', {}, richText(finding.message)))),
        )
      : null,
    reply.secrets.map((secret) => secretSection(secret)),
  );
}

function progressText(progress) {
  return progress.total === 0 ? 'Nothing to tick.' : `${progress.done} of ${progress.total} done`;
}

function gitignoreSection(gitignore) {
  const verdict =
    gitignore.envIgnored === true
      ? el('p', { class: 'verdict ok' }, '.gitignore keeps .env out of git', gitignore.rule ? [' (rule ', el('code', {}, gitignore.rule), ')'] : null)
      : gitignore.envIgnored === false
        ? el('p', { class: 'verdict bad' }, '.gitignore lets .env into git', gitignore.rule ? [' (rule ', el('code', {}, gitignore.rule), ')'] : null)
        : el('p', { class: 'muted' }, 'No .gitignore given.');
  return el('section', { class: 'checklist-gitignore' }, verdict, gitignore.items?.length > 0 ? tickList(gitignore.items) : null);
}

function secretSection(secret) {
  const legendId = uniqueId('secret');
  return el(
    'fieldset',
    { class: `secret-item${secret.live ? ' live' : ''}`, data: { name: secret.name } },
    el('legend', { id: legendId }, el('code', {}, secret.name), ` · ${secret.provider}`, secret.live ? el('span', { class: 'badge error' }, 'Pasted live: rotate it') : null),
    el('p', { class: 'if-committed' }, el('strong', {}, 'If it is committed: '), richText(secret.ifCommitted)),
    tickList(secret.items),
    secret.live
      ? null
      : el(
          'details',
          { class: 'recovery' },
          el('summary', {}, 'If it ever leaks: the recovery, in order'),
          el('ol', {}, secret.recovery.map((step) => el('li', {}, richText(step)))),
        ),
  );
}

function tickList(items) {
  return el(
    'ul',
    { class: 'ticks' },
    items.map((item) => {
      const boxId = uniqueId('tick');
      const detailId = `${boxId}-detail`;
      const box = el('input', { type: 'checkbox', id: boxId, 'aria-describedby': detailId, data: { itemId: item.id } });
      box.checked = item.done === true;
      return el(
        'li',
        { class: 'tick', data: { itemId: item.id } },
        box,
        el('div', { class: 'tick-text' }, el('label', { for: boxId }, richText(item.label)), el('p', { id: detailId, class: 'tick-detail' }, richText(item.detail))),
      );
    }),
  );
}

/** The form: each field optional, but a description or a .env is needed. Nothing in it is kept but what the answer shows. */
function checklistForm(onCancel) {
  const headingId = uniqueId('checklist-form');
  const field = (name, label, hint, rows) => {
    const fieldId = uniqueId(name);
    return el(
      'div',
      { class: 'form-field' },
      el('label', { for: fieldId }, label),
      el('textarea', { id: fieldId, name, rows: String(rows), 'aria-describedby': `${fieldId}-hint`, spellcheck: 'false', autocomplete: 'off' }),
      el('p', { id: `${fieldId}-hint`, class: 'muted' }, hint),
    );
  };
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
  cancel.addEventListener('click', onCancel);
  return el(
    'form',
    { class: 'card checklist-form', 'aria-labelledby': headingId, novalidate: true },
    el('header', { class: 'card-head' }, el('p', { class: 'eyebrow' }, 'Secret checklist'), el('h3', { id: headingId }, 'Which secrets does your app hold?')),
    field('description', 'Your app, in a sentence', 'For example: FastAPI on Neon with Stripe and OpenAI.', 2),
    field('env', 'Your .env or .env.example (optional)', 'Live values are redacted before anything stores them; only the variable names are kept.', 5),
    field('gitignore', 'Your .gitignore (optional)', 'To check, with git\'s own rules, that .env stays out of commits.', 3),
    el('p', { class: 'form-error', role: 'alert' }),
    el('div', { class: 'answers' }, el('button', { type: 'submit' }, 'Make the checklist'), cancel),
  );
}

/**
 * Wires the quick action, the form and the boxes. `send(body)` posts a message
 * the way app.js does (creating the conversation, re-rendering) and resolves
 * to true when it went through; `post(body)` posts a tick and returns the
 * answer; `say(text)` announces; `fail(error)` shows an error.
 */
export function setupChecklist({ opener, slot, messagesList, send, post, say, fail }) {
  let form = null;

  function close() {
    form?.remove();
    form = null;
    opener.setAttribute('aria-expanded', 'false');
  }

  opener.addEventListener('click', () => {
    if (form === null) {
      form = checklistForm(() => {
        close();
        opener.focus();
      });
      form.addEventListener('submit', (event) => void submit(event));
      form.addEventListener('keydown', (event) => {
        if (event.key !== 'Escape') return;
        close();
        opener.focus();
      });
      slot.append(form);
      opener.setAttribute('aria-expanded', 'true');
    }
    form.querySelector('textarea').focus();
  });

  async function submit(event) {
    event.preventDefault();
    const values = Object.fromEntries(['description', 'env', 'gitignore'].map((name) => [name, form.elements[name].value]));
    const problem = form.querySelector('.form-error');
    if (values.description.trim() === '' && values.env.trim() === '') {
      problem.textContent = 'Describe your app or paste its .env (or .env.example).';
      form.elements.description.setAttribute('aria-invalid', 'true');
      form.elements.description.focus();
      return;
    }
    problem.textContent = '';
    form.elements.description.removeAttribute('aria-invalid');
    const body = {};
    for (const [name, value] of Object.entries(values)) if (value.trim() !== '') body[name] = value;
    if (await send({ checklist: body })) {
      close();
      const heading = [...messagesList.querySelectorAll('.card.checklist h3')].at(-1);
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
        heading.addEventListener('blur', () => heading.removeAttribute('tabindex'), { once: true });
      }
    }
  }

  // One tick at a time, in the order they were made, so the server ends where the boxes do.
  let queue = Promise.resolve();
  let pending = 0;
  messagesList.addEventListener('change', (event) => {
    const box = event.target.closest('input[type="checkbox"][data-item-id]');
    if (!box) return;
    const done = box.checked;
    const itemId = box.dataset.itemId;
    pending += 1;
    box.closest('.card.checklist')?.setAttribute('aria-busy', 'true');
    // The card may be drawn again while a tick is on its way: each step finds the box and the card as they are now.
    const current = () => {
      const now = messagesList.querySelector(`.card.checklist input[data-item-id="${CSS.escape(itemId)}"]`);
      return { now, card: now?.closest('.card.checklist') ?? null };
    };
    queue = queue.then(async () => {
      try {
        const { replies } = await post({ tick: { itemId, done } });
        const reply = replies.find((each) => each.type === 'tick');
        const { now, card } = current();
        if (now) now.checked = done;
        if (reply && card) {
          card.querySelector('.checklist-progress').textContent = progressText(reply.progress);
          card.querySelector('progress').value = reply.progress.done;
        }
        if (reply) say(reply.text);
      } catch (error) {
        const { now } = current();
        if (now) now.checked = !done;
        fail(error);
      } finally {
        pending -= 1;
        if (pending === 0) for (const card of messagesList.querySelectorAll('.card.checklist[aria-busy]')) card.removeAttribute('aria-busy');
      }
    });
  });
}
