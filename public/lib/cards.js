// One card per reply type. Pure: data in, DOM out (text nodes only); the
// buttons carry data-* attributes and app.js handles their clicks.
import { commandsIn, el, richText, uniqueId, withRedactions } from './dom.js';
import { PASTE_KINDS, pasteKind } from './paste-kind.js';

export const ANSWER_LABELS = { confirmed: 'Confirmed', ruled_out: 'Ruled out', resolved: 'Fixed it', not_resolved: 'Still failing' };
const SWITCH_LABELS = { accept: 'Switch runbook', decline: 'Keep the current one' };
const PART_LABELS = { driver: 'Driver / scheme', user: 'User', password: 'Password', host: 'Host and port', database: 'Database', parameters: 'Parameters' };
const SEVERITIES = [
  { id: 'error', heading: 'Errors', badge: 'Error' },
  { id: 'warn', heading: 'Warnings', badge: 'Warning' },
  { id: 'info', heading: 'Notes', badge: 'Note' },
];
const EVIDENCE_KINDS = { sqlstate: 'SQLSTATE', errno: 'errno', 'client-code': 'client code', wording: 'wording' };
const EXCERPT_CONTEXT_LINES = 1;
const EXCERPT_MAX_LINES = 12;

/** A card: an article labelled by its heading, with a small eyebrow line above it. */
function card(kind, { eyebrow, heading, headingLevel = 'h3', focusable = false, current = false }, ...body) {
  const headingId = uniqueId(kind);
  return el(
    'article',
    { class: `card ${kind}${current ? ' current' : ''}`, 'aria-labelledby': headingId },
    el('header', { class: 'card-head' }, eyebrow ? el('p', { class: 'eyebrow' }, eyebrow) : null, el(headingLevel, { id: headingId, tabindex: focusable ? '-1' : null }, heading)),
    ...body,
  );
}

export function userText(message) {
  const kind = pasteKind(message.text);
  return el(
    'div',
    { class: 'bubble' },
    el('p', { class: 'bubble-label' }, 'You pasted', kind !== 'empty' ? el('span', { class: 'chip', data: { kind } }, PASTE_KINDS[kind].label) : null),
    el('pre', { class: 'pasted' }, withRedactions(message.text)),
  );
}

export function userAnswer(message, stepTitles) {
  const title = stepTitles.get(message.stepId) ?? message.stepId;
  return el('p', { class: 'answer-line' }, 'You answered ', el('strong', {}, ANSWER_LABELS[message.answer] ?? message.answer), ` for “${title}”`);
}

export function userSwitch(message) {
  return el('p', { class: 'answer-line' }, 'You chose: ', el('strong', {}, SWITCH_LABELS[message.choice] ?? message.choice));
}

/**
 * The triage card: the family in plain words, the evidence marked in the pasted
 * text, the alternatives, and the runbook as done / current / ahead.
 * `progress` is null for a runbook that is not the one being walked.
 */
export function triage(reply, { pasted, progress }) {
  const known = reply.family !== 'unknown';
  const confidence = `${Math.round(reply.confidence * 100)}% sure`;
  const body = [];
  body.push(
    el(
      'p',
      { class: 'family-line' },
      el('code', { class: 'family', data: { family: reply.family } }, reply.family),
      known ? el('span', { class: 'confidence' }, confidence) : null,
      reply.client ? el('span', { class: 'chip' }, `client: ${reply.client}`) : null,
    ),
  );
  if (!known) body.push(el('p', {}, reply.text));
  if (reply.evidence?.length > 0) body.push(evidenceSection(reply.evidence, pasted));
  if (reply.alternatives?.length > 0) {
    body.push(
      el(
        'section',
        { class: 'alternatives' },
        el('h4', {}, 'Could also be'),
        el(
          'ul',
          {},
          reply.alternatives.map((alternative) =>
            el('li', {}, alternative.title ?? alternative.family, ' ', el('code', {}, alternative.family), ` (${Math.round(alternative.confidence * 100)}%)`),
          ),
        ),
        el('p', { class: 'muted' }, 'The first check tells them apart.'),
      ),
    );
  }
  if (known && reply.runbook?.steps?.length > 0) body.push(runbookList(reply.runbook.steps, progress));
  return card('triage', { eyebrow: 'Triage', heading: known ? (reply.title ?? reply.family) : 'Not a known connection error' }, ...body);
}

function evidenceSection(evidence, pasted) {
  const spans = evidence
    .map((item) => ({ ...item, start: pasted?.slice(item.start, item.end) === item.text ? item.start : (pasted?.indexOf(item.text) ?? -1) }))
    .filter((item) => item.start >= 0)
    .map((item) => ({ start: item.start, end: item.start + item.text.length }))
    .sort((a, b) => a.start - b.start);
  const section = el('section', { class: 'evidence' }, el('h4', {}, 'Evidence in your paste'));
  if (spans.length > 0) section.append(el('pre', { class: 'excerpt' }, excerpt(pasted, spans)));
  section.append(
    el(
      'ul',
      { class: 'evidence-list' },
      evidence.map((item) => el('li', {}, el('mark', {}, item.text), el('span', { class: 'muted' }, ` ${EVIDENCE_KINDS[item.kind] ?? item.kind}`))),
    ),
  );
  return section;
}

/** The lines of the paste that hold evidence (with a line around each), evidence marked. */
function excerpt(text, spans) {
  const lines = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: offset, end: offset + line.length, text: line });
    offset += line.length + 1;
  }
  const keep = new Set();
  lines.forEach((line, index) => {
    if (spans.some((span) => span.start < line.end + 1 && span.end > line.start)) {
      for (let i = index - EXCERPT_CONTEXT_LINES; i <= index + EXCERPT_CONTEXT_LINES; i++) if (i >= 0 && i < lines.length) keep.add(i);
    }
  });
  const out = [];
  let previous = -1;
  for (const index of [...keep].sort((a, b) => a - b).slice(0, EXCERPT_MAX_LINES)) {
    if (index > previous + 1) out.push(el('span', { class: 'elided' }, '…\n'));
    const line = lines[index];
    let at = line.start;
    for (const span of spans) {
      const from = Math.max(span.start, line.start);
      const to = Math.min(span.end, line.end);
      if (to <= from || from < at) continue;
      out.push(withRedactions(text.slice(at, from)), el('mark', {}, text.slice(from, to)));
      at = to;
    }
    out.push(withRedactions(text.slice(at, line.end)), '\n');
    previous = index;
  }
  if (previous < lines.length - 1) out.push(el('span', { class: 'elided' }, '…'));
  return out;
}

/** The runbook as a list of steps, each done (with its answer), current or ahead. */
function runbookList(steps, progress) {
  const list = el('ol', { class: 'steps' });
  steps.forEach((step, index) => {
    const status = progress ? progress.statusOf(step.id, index) : 'ahead';
    const answer = progress?.answers.get(step.id);
    const label = { done: answer ? ANSWER_LABELS[answer] : 'Done', current: 'Current', ahead: 'Ahead' }[status];
    list.append(
      el(
        'li',
        { class: `step ${status}`, data: { stepId: step.id, status }, 'aria-current': status === 'current' ? 'step' : null },
        el('span', { class: 'step-mark', 'aria-hidden': 'true' }),
        el('span', { class: 'step-title' }, step.title),
        el('span', { class: `step-status ${answer ?? ''}` }, label),
      ),
    );
  });
  return el('section', { class: 'runbook' }, el('h4', {}, progress ? 'Runbook' : 'Runbook (not being walked)'), list);
}

/** The check, fix, resolved or exhausted card; `current` adds the answer buttons and makes the heading focusable. */
export function position(reply, { current, familyTitle, answeredWith }) {
  const of = `${familyTitle ?? reply.family}`;
  switch (reply.type) {
    case 'check':
      return card(
        'check',
        { eyebrow: `Check ${reply.index + 1} of ${reply.total} · ${of}`, heading: reply.step.title, focusable: current, current },
        field('What to do', reply.step.action),
        commandField('How to verify', reply.step.verify),
        el('dl', { class: 'outcomes' }, el('dt', {}, 'Confirmed if'), el('dd', {}, richText(reply.step.confirmed)), el('dt', {}, 'Ruled out if'), el('dd', {}, richText(reply.step.ruledOut))),
        current ? answerControls(reply) : answeredLine(answeredWith),
      );
    case 'fix':
      return card(
        'fix',
        { eyebrow: `Fix for check ${reply.index + 1} of ${reply.total} · ${of}`, heading: `Confirmed: ${reply.step.title}`, focusable: current, current },
        commandField('Apply the fix', reply.step.fix),
        el('p', {}, 'Then run your app (or the failing command) again. Did it work?'),
        current ? answerControls(reply) : answeredLine(answeredWith),
      );
    case 'resolved':
      return card('resolved', { eyebrow: of, heading: `Resolved: ${reply.step.title}`, focusable: current, current }, el('p', {}, 'Keep the fix in your deployment checklist, so the next deploy does not bring the error back.'));
    case 'exhausted':
      return card(
        'exhausted',
        { eyebrow: of, heading: `All ${reply.total} checks ruled out`, focusable: current, current },
        el('p', {}, reply.text),
        el('ul', {}, reply.collectNext.map((entry) => el('li', {}, richText(entry)))),
      );
    default:
      return null;
  }
}

function field(label, text) {
  return el('section', { class: 'field' }, el('h4', {}, label), el('p', {}, richText(text)));
}

/** A text that holds commands: the text, then each command on its own with a Copy button. */
function commandField(label, text) {
  const section = field(label, text);
  for (const command of commandsIn(text)) section.append(commandBlock(command));
  return section;
}

export function commandBlock(command) {
  return el(
    'div',
    { class: 'command' },
    el('pre', {}, el('code', {}, command)),
    el('button', { type: 'button', class: 'copy secondary', data: { copy: command }, 'aria-label': `Copy command: ${command}` }, 'Copy'),
  );
}

/**
 * The answers to the current check or fix. A check the live probe can decide
 * (`probeCheck`, from the server) also offers Verify; a manual one says so.
 */
function answerControls(reply) {
  const live = typeof reply.probeCheck === 'string' && reply.probeCheck !== '';
  const noteId = uniqueId('verify-note');
  const note = live
    ? el(
        'p',
        { class: 'verify-note', id: noteId },
        'Verify runs the live probe\'s ',
        el('code', {}, reply.probeCheck),
        ' check (read-only) against the database this pgtriage is set up with (DATABASE_URL) and answers for you',
        reply.type === 'fix' ? ': ruled out now means the fix worked.' : '.',
      )
    : el('p', { class: 'verify-note muted', id: noteId }, 'No live probe decides this check: run what “How to verify” says yourself, then answer.');
  return el(
    'div',
    { class: 'check-controls' },
    note,
    el(
      'div',
      { class: 'answers', role: 'group', 'aria-label': 'Your answer' },
      live ? el('button', { type: 'button', class: 'verify', data: { verify: reply.step.id, probeCheck: reply.probeCheck }, 'aria-describedby': noteId }, 'Verify') : null,
      reply.answers.map((answer) => el('button', { type: 'button', class: `answer ${answer}`, data: { answer, stepId: reply.step.id } }, ANSWER_LABELS[answer])),
    ),
  );
}

/** The visible working state of a Verify button while the probe runs (the card is busy until the answer re-renders it). */
export function showVerifying(button) {
  if (!button) return;
  button.classList.add('working');
  button.textContent = 'Verifying…';
  button.closest('.card')?.setAttribute('aria-busy', 'true');
}

/** Back to Verify when the request ended without a new card (it failed). */
export function stopVerifying(root) {
  for (const button of root.querySelectorAll('button.verify.working')) {
    button.classList.remove('working');
    button.textContent = 'Verify';
    button.closest('.card')?.removeAttribute('aria-busy');
  }
}

export function userVerify(message, stepTitles) {
  return el('p', { class: 'answer-line' }, 'You asked the live probe to verify ', `“${stepTitles.get(message.stepId) ?? message.stepId}”`);
}

const VERDICT_LABELS = { confirmed: 'Confirmed', ruled_out: 'Ruled out', inconclusive: 'Inconclusive' };
const VERDICT_MARKS = { confirmed: 'fail', ruled_out: 'pass', inconclusive: 'skip' };

/** The live probe's verdict on a check: what it decided, what it observed, which probe check decided, and how the runbook moved. */
export function probeVerdict(reply, { stepTitle }) {
  const probe = reply.probe ?? {};
  const moved = reply.answer
    ? ['The runbook moved on as if you had answered ', el('strong', {}, ANSWER_LABELS[reply.answer] ?? reply.answer), '.']
    : reply.verdict === 'inconclusive'
      ? ['The probe could not decide, so the runbook did not move: run the check yourself and answer.']
      : null;
  return card(
    'verdict',
    { eyebrow: 'Live probe verdict', heading: stepTitle ?? reply.stepId },
    el(
      'p',
      { class: `verdict-line ${reply.verdict}`, data: { verdict: reply.verdict } },
      el('span', { class: `status-mark ${VERDICT_MARKS[reply.verdict] ?? 'skip'}`, 'aria-hidden': 'true' }),
      VERDICT_LABELS[reply.verdict] ?? reply.verdict,
    ),
    el('h4', {}, 'Evidence'),
    el('pre', { class: 'evidence-text' }, withRedactions(reply.evidence)),
    el(
      'p',
      { class: 'decided-by muted' },
      'Decided by the probe check ',
      el('code', {}, probe.check ?? '?'),
      ` (${probe.status ?? '?'}${typeof probe.durationMs === 'number' ? `, the run took ${Math.round(probe.durationMs)} ms` : ''})`,
      probe.family ? [', which points to ', el('code', {}, probe.family)] : null,
      '.',
    ),
    moved ? el('p', { class: 'moved' }, moved) : null,
  );
}

function answeredLine(answer) {
  return answer ? el('p', { class: 'answered' }, 'Answered: ', el('strong', {}, ANSWER_LABELS[answer] ?? answer)) : null;
}

export function switchOffer(reply, { current }) {
  return card(
    'switch',
    { eyebrow: 'A different error', heading: `Switch from ${reply.from} to ${reply.to}?`, focusable: current, current },
    el('p', {}, reply.text),
    current ? el('div', { class: 'answers', role: 'group', 'aria-label': 'Switch runbook?' }, reply.choices.map((choice) => el('button', { type: 'button', class: `answer ${choice}`, data: { switch: choice } }, SWITCH_LABELS[choice]))) : null,
  );
}

/** The connection-string audit: the six parts as a table, findings grouped by severity, one line each until opened. */
export function audit(reply) {
  const report = reply.report;
  const reading = report.meant ?? report;
  const verdict = reading.ok ? 'libpq reads it' : `libpq rejects it: ${reading.error?.message ?? 'unknown reason'}`;
  const body = [el('p', { class: reading.ok ? 'verdict ok' : 'verdict bad' }, verdict), el('pre', { class: 'pasted' }, withRedactions(report.meant?.text ?? report.redacted))];
  if (report.explain?.length > 0) body.push(partsTable(report.explain));
  body.push(findingsSection(report.findings ?? []));
  return card('audit', { eyebrow: 'Connection string audit', heading: report.meant ? 'The value you pasted' : 'Your connection string' }, ...body);
}

function partsTable(explain) {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'parts' },
      el('caption', {}, 'The six parts'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Part'), el('th', { scope: 'col' }, 'In this string'))),
      el(
        'tbody',
        {},
        explain.map((part) =>
          el(
            'tr',
            { data: { part: part.part } },
            el('th', { scope: 'row' }, PART_LABELS[part.part] ?? part.part),
            el(
              'td',
              {},
              el('span', { class: 'part-value' }, withRedactions(part.value)),
              el('details', { class: 'part-more' }, el('summary', {}, 'What it controls'), el('p', {}, part.controls), el('p', {}, el('strong', {}, 'When it is wrong: '), part.whenWrong)),
            ),
          ),
        ),
      ),
    ),
  );
}

function findingsSection(findings) {
  const section = el('section', { class: 'findings' }, el('h4', {}, findings.length === 0 ? 'No findings: the string is fine as it is' : `Findings (${findings.length})`));
  for (const severity of SEVERITIES) {
    const group = findings.filter((finding) => finding.severity === severity.id);
    if (group.length === 0) continue;
    section.append(
      el(
        'section',
        { class: `severity ${severity.id}`, data: { severity: severity.id } },
        el('h5', {}, `${severity.heading} (${group.length})`),
        el(
          'ul',
          {},
          group.map((finding) =>
            el(
              'li',
              {},
              el(
                'details',
                { class: 'finding', data: { finding: finding.id } },
                el('summary', {}, el('span', { class: `badge ${severity.id}` }, severity.badge), el('span', { class: 'one-line' }, finding.message)),
                el('p', {}, withRedactions(finding.message)),
                finding.fix ? el('p', { class: 'fix' }, el('strong', {}, 'Fix: '), withRedactions(finding.fix)) : null,
              ),
            ),
          ),
        ),
      ),
    );
  }
  return section;
}

/** A calm warning: the secret was redacted, rotate it, and how. */
export function secretWarning(reply) {
  return el(
    'div',
    { class: 'card secret', role: 'note' },
    el('p', { class: 'secret-title' }, el('span', { class: 'secret-icon', 'aria-hidden': 'true' }), el('strong', {}, 'Your paste held a secret. It was redacted.')),
    el('p', {}, reply.text),
  );
}

export function note(reply) {
  return el('p', { class: 'note' }, richText(reply.text ?? ''));
}

const PROMPT_TITLES = { 'connection-string-audit': 'The audit, explained', 'incident-runbook': 'The runbook, explained', 'secret-checklist': 'The secret checklist, explained' };

/** The phrasing of the replies before it: engine headings, the text from the model or the offline templates; `pending` while it streams. */
export function phrasing(reply) {
  const pending = reply.status === 'pending';
  const source = pending ? 'Writing…' : reply.source === 'model' ? 'Written by the model from the facts above; the engine decided them' : 'Written from pgtriage\'s offline templates';
  return card(
    'phrasing',
    { eyebrow: 'Explanation', heading: PROMPT_TITLES[reply.prompt] ?? 'Explanation' },
    el('p', { class: `phrasing-source${pending ? ' working' : ''}`, role: pending ? 'status' : null, data: { source: reply.source ?? 'pending' } }, source),
    (reply.sections ?? []).map((section) =>
      el(
        'section',
        { class: 'phrasing-section', data: { key: section.key } },
        el('h4', {}, section.heading, section.verdict ? el('span', { class: 'chip' }, section.verdict) : null),
        String(section.text ?? '').split(/\n{2,}/).map((paragraph) => el('p', {}, richText(paragraph))),
      ),
    ),
  );
}

/**
 * A request that did not go through, calmly: what happened, what to do, and
 * Retry when the same request may succeed later. A message's Retry reuses its
 * Idempotency-Key, so a message that did arrive is answered, not stored twice.
 */
export function failure(error, { retry, sending }) {
  const status = error.status;
  const lead =
    status === undefined
      ? 'The page hit a problem.'
      : status === 0
        ? 'The service did not answer.'
        : status === 429 && error.code === 'PGT_ERR_RATE_LIMITED'
          ? 'Too many messages this minute.'
          : status >= 500
            ? 'The service could not finish that just now.'
            : 'That did not go through.';
  const said = status === 0 ? null : ` ${status === undefined ? 'It said' : 'The service said'}: ${String(error.message).replace(/\.?$/, '.')}`;
  const body = [el('p', { class: 'failure-title' }, el('strong', {}, lead), said)];
  if (error.retryAfterSeconds !== null && error.retryAfterSeconds !== undefined) {
    const at = new Date(Date.now() + error.retryAfterSeconds * 1000);
    body.push(
      el(
        'p',
        { class: 'retry-after', data: { seconds: error.retryAfterSeconds } },
        `You can send again in ${error.retryAfterSeconds} s (at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}).`,
      ),
    );
  }
  // These two fixes tell an API client to do what the page does itself (Retry with the same key; the wait above).
  if (error.fix && !HANDLED_BY_THE_PAGE.has(error.code)) body.push(el('p', {}, `What to do: ${error.fix}`));
  if (retry) {
    body.push(
      el(
        'p',
        { class: 'muted' },
        sending ? 'Nothing is lost: Retry sends the same message again, and if it did arrive the first time you get its answer without it being stored twice.' : 'Retry loads it again.',
      ),
      el('button', { type: 'button', class: 'retry', data: { retry: '' } }, 'Retry'),
    );
  }
  return el('div', { class: 'failure', data: { status: status ?? '', code: error.code ?? '' } }, body);
}
const HANDLED_BY_THE_PAGE = new Set(['PGT_ERR_REQUEST_TIMEOUT', 'PGT_ERR_RATE_LIMITED']);

/**
 * The service wants its access token (PGTRIAGE_TOKEN). The page keeps it in
 * this tab only (sessionStorage) and sends it as a bearer token.
 */
export function tokenForm({ rejected }) {
  const inputId = uniqueId('token');
  const helpId = uniqueId('token-help');
  return el(
    'form',
    { class: 'token-form', data: { tokenForm: '' } },
    el('p', { class: 'failure-title' }, el('strong', {}, rejected ? 'That token was not accepted.' : 'This pgtriage asks for its access token.')),
    el(
      'p',
      { id: helpId },
      'It runs with PGTRIAGE_TOKEN set. Enter that token to use it from this tab: the page keeps it in this tab only (gone when the tab closes) and sends it with each request as ',
      el('code', {}, 'Authorization: Bearer'),
      '.',
    ),
    el('label', { for: inputId }, 'Access token'),
    el(
      'div',
      { class: 'token-row' },
      el('input', { id: inputId, name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': helpId }),
      el('button', { type: 'submit' }, 'Use token'),
    ),
  );
}
