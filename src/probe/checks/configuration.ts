// Layer 0: the connection string is there and libpq can read it (src/connstr
// reads it exactly as libpq's PQconninfoParse does).
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
    Object.assign(observed, { sslmode: s.sslmode, sslmodeSetExplicitly: target.parse.options.sslmode !== undefined, passwordPresent: s.password !== null, hosts: s.hostCount });
    if (s.hostCount > 1) {
      return { status: 'warn', observed, message: `DATABASE_URL lists ${s.hostCount} hosts; the probe checks the first (${s.host}), libpq tries them in order` };
    }
    return { status: 'pass', observed };
  },
};
