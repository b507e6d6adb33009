// Prompt 1, the connection string audit: libpq's verdict, the six parts with
// what each controls and what breaks, and the findings, as facts; sections
// `status`, one per part and one per finding, in the audit's order.
import type { ConnstrReport } from '../../connstr/audit.ts';
import { redactFacts } from '../facts.ts';
import type { PhrasingJob, SectionSpec } from '../types.ts';

export const KEYS = ['status', 'parts', 'findings', 'sections'] as const;
/** The part values come from the paste, but through the parser and the redactor: the engine's facts. */
export const UNTRUSTED_KEYS = [] as const;

export interface ConnectionStringAuditFacts {
  status: { ok: boolean; form: string; error: string | null };
  parts: { part: string; value: string; controls: string; whenWrong: string }[];
  findings: { key: string; id: string; severity: string; message: string; fix: string | null }[];
  sections: string[];
}

export function connectionStringAuditJob(report: ConnstrReport): PhrasingJob {
  const seen = new Map<string, number>();
  const findings = report.findings.map((finding) => {
    const count = (seen.get(finding.id) ?? 0) + 1;
    seen.set(finding.id, count);
    return { key: `finding.${finding.id}${count > 1 ? `.${count}` : ''}`, id: finding.id, severity: finding.severity, message: finding.message, fix: finding.fix ?? null };
  });
  const parts = (report.explain ?? []).map(({ part, value, controls, whenWrong }) => ({ part, value, controls, whenWrong }));
  const facts: ConnectionStringAuditFacts = redactFacts({
    status: { ok: report.ok, form: report.form, error: report.error?.message ?? null },
    parts,
    findings,
    sections: ['status', ...parts.map((p) => `part.${p.part}`), ...findings.map((f) => f.key)],
  });
  return { prompt: 'connection-string-audit', facts: { ...facts }, sections: sectionsOf(facts) };
}

function sectionsOf(facts: ConnectionStringAuditFacts): SectionSpec[] {
  return [
    { key: 'status', heading: facts.status.ok ? 'libpq accepts the string' : 'libpq rejects the string' },
    ...facts.parts.map((p) => ({ key: `part.${p.part}`, heading: p.part })),
    ...facts.findings.map((f) => ({ key: f.key, heading: `${f.severity}: ${f.id}` })),
  ];
}

export function offline(facts: ConnectionStringAuditFacts, section: SectionSpec): string {
  if (section.key === 'status') {
    const count = facts.findings.length;
    const verdict = facts.status.ok ? `libpq reads this ${facts.status.form} string without error` : `libpq refuses this string: ${facts.status.error ?? 'it cannot be parsed'}`;
    return `${verdict}. The audit has ${count} finding${count === 1 ? '' : 's'}${count > 0 ? ', most severe first' : ''}.`;
  }
  const part = facts.parts.find((p) => `part.${p.part}` === section.key);
  if (part !== undefined) return `In this string: ${part.value}. It controls: ${part.controls} When it is wrong: ${part.whenWrong}`;
  const finding = facts.findings.find((f) => f.key === section.key);
  if (finding !== undefined) return `${finding.message}${finding.fix !== null ? ` Fix: ${finding.fix}` : ''}`;
  return '';
}
