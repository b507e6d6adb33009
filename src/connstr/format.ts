// The plain-text audit `pgtriage parse` prints without --json. Built only
// from the report, which is already redacted.
import type { ConnstrReport, LibpqReading } from './audit.ts';

const MARK = { error: 'x', warn: '!', info: '-' } as const;

function readingLines(title: string, r: Pick<LibpqReading, 'ok' | 'error' | 'libpq'>): string[] {
  const lines = [title];
  if (!r.ok) {
    lines.push(`  libpq rejects it: ${r.error?.message ?? ''}`);
    return lines;
  }
  const entries = Object.entries(r.libpq ?? {});
  if (entries.length === 0) lines.push('  libpq reads no keywords (defaults only)');
  for (const [k, v] of entries) lines.push(`  ${k.padEnd(22)} ${JSON.stringify(v)}`);
  return lines;
}

export function formatConnstrReport(report: ConnstrReport): string {
  const out: string[] = [];
  out.push(`Connection string audit (${report.form.replace('_', ' ')}, libpq ${report.libpqVersion.assumed} keywords)`);
  out.push(`  input: ${JSON.stringify(report.redacted)}`);
  out.push('');
  out.push(...readingLines(report.ok ? 'libpq reads it as:' : 'As pasted:', report));
  if (report.meant !== undefined) {
    out.push('');
    out.push(`Meant: ${report.meant.text}`);
    out.push(...readingLines('libpq reads the meant string as:', report.meant).slice(1));
  }
  if (report.explain !== undefined) {
    out.push('');
    out.push('Parts:');
    for (const e of report.explain) {
      out.push(`  ${e.part}: ${e.value}`);
      out.push(`    controls: ${e.controls}`);
      out.push(`    when wrong: ${e.whenWrong}`);
    }
  }
  const pg = report.readers.nodePostgres;
  out.push('');
  out.push(
    pg.ok
      ? `node-postgres reads: host ${pg.host ?? '(default)'} port ${pg.port ?? '5432'} database ${pg.database ?? '(user name)'} user ${pg.user ?? '(none)'} password ${pg.password?.present === true ? 'present' : 'absent'} TLS ${pg.tls}`
      : `node-postgres cannot read it: ${pg.error ?? ''}`,
  );
  if (!report.connectCheck.ok && report.connectCheck.errors.length > 0) {
    out.push('');
    out.push('libpq refuses before connecting:');
    for (const e of report.connectCheck.errors) out.push(`  ${e}`);
  }
  out.push('');
  if (report.findings.length === 0) out.push('Findings: none');
  else out.push(`Findings (${report.findings.length}):`);
  for (const f of report.findings) {
    out.push(`  [${MARK[f.severity]}] ${f.severity.toUpperCase()} ${f.id}: ${f.message}`);
    if (f.fix !== undefined) out.push(`      fix: ${f.fix}`);
  }
  if (report.secretExposed) {
    out.push('');
    out.push('A live password was in the input: rotate it. It is not shown anywhere above.');
  }
  return `${out.join('\n')}\n`;
}
