// The live probe on the page: the doctor's checks as a waterfall of DNS, TCP,
// TLS, authentication and first-query times, and the deployment sanity
// sequence's five steps, both filled in as the server streams each result.
import { el, uniqueId } from './dom.js';

export const STATUS_LABELS = { pass: 'Pass', fail: 'Fail', warn: 'Warning', skip: 'Skipped', running: 'Running', waiting: 'Waiting' };
// The waterfall's phases, each with the check that measures it while the run streams
// and the key of the report's `timings` once it is complete.
const PHASES = [
  { key: 'dns', check: 'dns', label: 'DNS' },
  { key: 'tcp', check: 'tcp', label: 'TCP' },
  { key: 'tls', check: 'tls', label: 'TLS' },
  { key: 'auth', check: 'startup_auth', label: 'Authentication' },
  { key: 'firstQuery', check: 'select_1', label: 'First query' },
];
// The lesson's deployment sanity sequence, in order (ids are the probe's contract).
export const SANITY_STEPS = [
  { id: 'health_check', label: 'Health check: connect and SELECT 1' },
  { id: 'schema_create', label: 'Create the schema (TypeORM)' },
  { id: 'tables_exist', label: 'The tables exist' },
  { id: 'round_trip', label: 'Write a row and read it back' },
  { id: 'restart_reread', label: 'Restart and re-read' },
];

function statusMark(status) {
  return el('span', { class: `status-mark ${status}`, data: { status } }, el('span', { class: 'visually-hidden' }, STATUS_LABELS[status] ?? status));
}

function ms(value) {
  return value === null || value === undefined ? '–' : `${Math.round(value)} ms`;
}

function header(kind, eyebrow, heading) {
  const id = uniqueId(kind);
  return { id, node: el('header', { class: 'card-head' }, el('p', { class: 'eyebrow' }, eyebrow), el('h3', { id, tabindex: '-1' }, heading)) };
}

function targetLine(report) {
  if (!report?.target) return null;
  const { host, port, database, user } = report.target;
  return el('p', { class: 'muted' }, 'Target: ', el('code', {}, `${user ?? '?'}@${host ?? '?'}:${port ?? 5432}/${database ?? '?'}`));
}

/** run: {checks: CheckResult[], report: DoctorReport|null, error: {message, fix}|null} */
export function doctorCard(run) {
  const done = run.report !== null || run.error !== null;
  const failed = run.checks.filter((check) => check.status === 'fail').length;
  const warned = run.checks.filter((check) => check.status === 'warn').length;
  const heading = run.error ? 'The probe could not run' : !done ? 'Checking the database…' : failed > 0 ? `${failed} check${failed > 1 ? 's' : ''} failed` : warned > 0 ? `Connected, with ${warned} warning${warned > 1 ? 's' : ''}` : 'Every check passed';
  const head = header('doctor', 'Live probe', heading);
  return el(
    'article',
    { class: `card probe doctor${done ? '' : ' running'}`, 'aria-labelledby': head.id, 'aria-busy': String(!done) },
    head.node,
    targetLine(run.report),
    run.error ? errorLines(run.error) : null,
    waterfall(run),
    checkList(run.checks, done),
  );
}

function errorLines(error) {
  return [el('p', { class: 'verdict bad' }, error.message), error.fix ? el('p', {}, `What to do: ${error.fix}`) : null];
}

/** Bars laid end to end: each phase starts where the one before it ended. */
function waterfall(run) {
  const byCheck = new Map(run.checks.map((check) => [check.id, check]));
  const rows = PHASES.map((phase) => {
    const check = byCheck.get(phase.check);
    const fromReport = run.report?.timings?.[phase.key];
    const duration = fromReport !== undefined ? fromReport : check && check.status !== 'skip' ? check.durationMs : null;
    return { ...phase, status: check?.status ?? (run.report || run.error ? 'skip' : 'waiting'), duration };
  });
  const total = Math.max(1, rows.reduce((sum, row) => sum + (row.duration ?? 0), 0));
  let start = 0;
  const table = el('ol', { class: 'waterfall', 'aria-label': 'Connection timings' });
  for (const row of rows) {
    const bar = el('span', { class: `bar ${row.status}` });
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    bar.style.setProperty('--start', String(start / total));
    bar.style.setProperty('--width', String((row.duration ?? 0) / total));
    start += row.duration ?? 0;
    table.append(
      el(
        'li',
        { class: 'phase', data: { phase: row.key, status: row.status } },
        el('span', { class: 'phase-label' }, statusMark(row.status), row.label),
        el('span', { class: 'track', 'aria-hidden': 'true' }, bar),
        el('span', { class: 'phase-time' }, row.duration === null ? STATUS_LABELS[row.status] : ms(row.duration)),
      ),
    );
  }
  return table;
}

function checkList(checks, done) {
  return el(
    'details',
    { class: 'probe-checks', open: checks.some((check) => check.status === 'fail' || check.status === 'warn') ? true : null },
    el('summary', {}, done ? `All ${checks.length} checks` : `${checks.length} checks so far`),
    el(
      'ul',
      {},
      checks.map((check) =>
        el(
          'li',
          { data: { check: check.id, status: check.status } },
          statusMark(check.status),
          el('code', {}, check.id),
          el('span', { class: 'muted' }, ` ${ms(check.durationMs)}`),
          check.message ? el('p', { class: 'check-message' }, check.message) : null,
          check.family ? el('p', { class: 'check-message' }, 'Points to ', el('code', {}, check.family)) : null,
        ),
      ),
    ),
  );
}

/** run: {steps: CheckResult[], report: SanityReport|null, error} */
export function sanityCard(run) {
  const done = run.report !== null || run.error !== null;
  const byId = new Map(run.steps.map((step) => [step.id, step]));
  const finished = SANITY_STEPS.filter((step) => byId.has(step.id)).length;
  const failed = run.steps.filter((step) => step.status === 'fail').length;
  const heading = run.error ? 'The sanity check could not run' : !done ? `Step ${Math.min(finished + 1, SANITY_STEPS.length)} of ${SANITY_STEPS.length}…` : failed > 0 ? `${failed} of ${SANITY_STEPS.length} steps failed` : 'The deployment sanity check passed';
  const head = header('sanity', 'Deployment sanity check', heading);
  const progress = el('progress', { max: String(SANITY_STEPS.length), value: String(finished), 'aria-label': 'Steps done' });
  const list = el('ol', { class: 'sanity-steps' });
  let runningShown = false;
  for (const step of SANITY_STEPS) {
    const result = byId.get(step.id);
    let status = result?.status;
    if (!status) {
      status = !done && !runningShown ? 'running' : 'waiting';
      runningShown = true;
    }
    list.append(
      el(
        'li',
        { data: { step: step.id, status } },
        statusMark(status),
        el('span', { class: 'step-title' }, step.label),
        el('span', { class: 'phase-time' }, result ? ms(result.durationMs) : STATUS_LABELS[status]),
        result?.message ? el('p', { class: 'check-message' }, result.message) : null,
      ),
    );
  }
  const skipped = run.steps.filter((step) => step.status === 'skip').length;
  return el(
    'article',
    { class: `card probe sanity${done ? '' : ' running'}`, 'aria-labelledby': head.id, 'aria-busy': String(!done) },
    head.node,
    targetLine(run.report),
    run.error ? errorLines(run.error) : null,
    progress,
    list,
    done && skipped > 0 ? el('p', { class: 'muted' }, 'Skipped steps write to the database: they run only with PROBE_ALLOW_WRITES=true, in the probe\'s own schema, and leave nothing behind.') : null,
  );
}
