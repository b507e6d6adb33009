// Layer 0: the connection string is there and libpq can read it (src/connstr
// reads it exactly as libpq's PQconninfoParse does).
import { auditConnectionString } from '../../connstr/audit.ts';
import type { CheckOutcome, ProbeCheck } from '../types.ts';

export const configuration: ProbeCheck = {
  id: 'configuration',
  dependsOn: [],
  async run({ target }): Promise<CheckOutcome> {
    const observed: Record<string, unknown> = {
      source: target.source,
      ...(target.source === 'embedded' ? { note: 'DATABASE_URL is unset: probing the embedded demo database' } : {}),
      form: target.parse.form,
    };
    if (!target.parse.ok) {
      // libpq's own wording (fe-connect.c), with any piece of the password cut out.
      const reason = target.redact(target.parse.error.rawMessage);
      return { status: 'fail', observed: { ...observed, parseError: target.parse.error.code }, message: `DATABASE_URL does not parse: ${reason}`, errorText: `invalid connection string: ${reason}` };
    }
    const s = target.settings!;
    // The audit's finding ids (docs/connstr.md), not their text: what the runbook map reads.
    const findings = auditConnectionString(target.url).findings.filter((f) => f.id !== 'secret_exposed').map((f) => ({ id: f.id, severity: f.severity }));
    // What the string itself names (null when libpq falls back to a default), for the runbook map.
    Object.assign(observed, { userFromUrl: target.parse.options.user ?? null, databaseFromUrl: target.parse.options.dbname ?? null, findings, sslmode: s.sslmode, sslmodeSetExplicitly: target.parse.options.sslmode !== undefined, passwordPresent: s.password !== null, hosts: s.hostCount });
    if (s.hostCount > 1) {
      return { status: 'warn', observed, message: `DATABASE_URL lists ${s.hostCount} hosts; the probe checks the first (${s.host}), libpq tries them in order` };
    }
    return { status: 'pass', observed };
  },
};
