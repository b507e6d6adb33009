// The doctor's report for a terminal: one line per check, then the waterfall.
import type { DoctorReport, SanityReport } from './doctor.ts';
import type { CheckResult } from './types.ts';

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' } as const;

function line(result: CheckResult): string {
  const family = result.family ? ` [${result.family}]` : '';
  const message = result.message ? `: ${result.message}` : '';
  return `${MARK[result.status]}  ${result.id} (${result.durationMs} ms)${family}${message}`;
}

function targetLine(report: DoctorReport | SanityReport): string {
  const t = report.target;
  return `target: ${t.user ?? '?'}@${t.host ?? '?'}:${t.port ?? '?'}/${t.database ?? '?'}`;
}

export function formatDoctor(report: DoctorReport): string {
  const lines = [targetLine(report), ...report.checks.map(line)];
  const phases = Object.entries(report.timings).filter(([, ms]) => ms !== null).map(([phase, ms]) => `${phase} ${ms} ms`);
  lines.push(`timings: ${phases.join(', ')}`);
  if (report.cleanup.dropped) lines.push(`cleanup: dropped schema ${report.cleanup.dropped}`);
  if (report.cleanup.error) lines.push(`cleanup FAILED: ${report.cleanup.error}`);
  lines.push(report.ok ? 'ok: no check failed' : 'NOT OK: a check failed; its family leads to the runbook (pgtriage triage)');
  return `${lines.join('\n')}\n`;
}

export function formatSanity(report: SanityReport): string {
  const lines = [targetLine(report), ...report.steps.map(line)];
  if (report.cleanup.dropped) lines.push(`cleanup: dropped schema ${report.cleanup.dropped}`);
  if (report.cleanup.error) lines.push(`cleanup FAILED: ${report.cleanup.error}`);
  lines.push(report.ok ? 'ok: no step failed' : 'NOT OK: a step failed');
  return `${lines.join('\n')}\n`;
}
