// Who holds the server's connection slots, sampled twice: by state,
// application and user; the share of usable slots taken (max_connections less
// the reserved ones); and leak suspects: sessions idle in transaction, one
// application holding many idle sessions, an idle count that climbs between
// the samples. The probe's own sessions are left out.
import type { CheckOutcome, ProbeCheck } from '../types.ts';
import { PROBE_APPLICATION_NAME } from '../session.ts';

interface Group {
  state: string | null;
  application: string;
  user: string | null;
  count: number;
  oldestStateChangeSeconds: number | null;
}

/** Warn from this share of usable slots taken. */
const BUSY_SHARE = 0.8;

const SAMPLE_SQL = `
  SELECT state, application_name AS application, usename AS "user", count(*)::int AS count,
         max(extract(epoch FROM now() - state_change))::int AS "oldestStateChangeSeconds"
  FROM pg_stat_activity
  WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
    AND application_name NOT LIKE $1
  GROUP BY 1, 2, 3 ORDER BY 4 DESC`;

export const connectionSlots: ProbeCheck = {
  id: 'connection_slots',
  dependsOn: ['server_facts'],
  async run({ session, signal, timeoutMs }): Promise<CheckOutcome> {
    const dataSource = await session.dataSource({ timeoutMs, signal });
    const sample = async () => (await session.guard(dataSource.query(SAMPLE_SQL, [`${PROBE_APPLICATION_NAME}%`]), signal)) as Group[];
    const first = await sample();
    const intervalMs = Math.min(session.options.sampleIntervalMs, Math.max(0, timeoutMs / 4));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const second = await sample();
    const { usableSlots = 0, maxConnections = 0 } = session.facts ?? {};
    const total = (groups: Group[]) => groups.reduce((sum, g) => sum + g.count, 0);
    const used = total(second);
    const share = usableSlots > 0 ? Math.round((used / usableSlots) * 1000) / 1000 : null;
    const suspects: string[] = [];
    for (const g of second.filter((g) => g.state?.startsWith('idle in transaction'))) {
      suspects.push(`${g.count} session(s) of "${g.application || '(no application_name)'}" (${g.user}) idle in transaction, the oldest for ${g.oldestStateChangeSeconds} s`);
    }
    const idleByApp = (groups: Group[]) => {
      const byApp = new Map<string, number>();
      for (const g of groups) if (g.state === 'idle') byApp.set(g.application, (byApp.get(g.application) ?? 0) + g.count);
      return byApp;
    };
    const idleBefore = idleByApp(first);
    for (const [application, idle] of idleByApp(second)) {
      const name = application || '(no application_name)';
      if (usableSlots > 0 && idle >= Math.max(5, usableSlots / 2)) suspects.push(`"${name}" holds ${idle} idle sessions (of ${usableSlots} usable slots)`);
      const before = idleBefore.get(application) ?? 0;
      if (idle > before) suspects.push(`idle sessions of "${name}" climbed from ${before} to ${idle} in ${Math.round(intervalMs)} ms`);
    }
    // Rows of other roles show no state without pg_read_all_stats (monitoring-stats.html).
    const hidden = second.filter((g) => g.state === null).reduce((sum, g) => sum + g.count, 0);
    const observed = {
      maxConnections,
      usableSlots,
      used,
      shareOfUsable: share,
      samples: [{ total: total(first) }, { total: used, intervalMs: Math.round(intervalMs) }],
      byState: sumBy(second, (g) => g.state ?? '(not visible to this role)'),
      byApplication: sumBy(second, (g) => g.application || '(no application_name)'),
      byUser: sumBy(second, (g) => g.user ?? '(unknown)'),
      leakSuspects: suspects,
      ...(hidden > 0 ? { sessionsWithoutDetail: hidden } : {}),
    };
    if (share !== null && share >= BUSY_SHARE) {
      return { status: 'warn', observed, message: `${used} of ${usableSlots} usable connection slots are taken (${Math.round(share * 100)}%): the next burst gets "remaining connection slots are reserved"`, family: 'too_many_connections' };
    }
    if (suspects.length > 0) {
      return { status: 'warn', observed, message: `leak suspects: ${suspects.join('; ')}`, family: 'too_many_connections' };
    }
    return { status: 'pass', observed };
  },
};

function sumBy(groups: Group[], key: (g: Group) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of groups) out[key(g)] = (out[key(g)] ?? 0) + g.count;
  return out;
}
