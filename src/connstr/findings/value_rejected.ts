import type { FindingRule } from './types.ts';

// validate.ts mirrors libpq's checks that fail a connection before any
// packet is sent; the oracle's --connect-check confirms them.
const FIX: Array<[RegExp, string]> = [
  [/port/, 'A port is a number 1-65535 (5432 direct; 6543 is Supabase\'s transaction pooler); give one port for all hosts or one per host.'],
  [/sslmode/, 'Use one of disable, allow, prefer, require, verify-ca, verify-full (lower case).'],
  [/channel_binding/, 'Use disable, prefer or require.'],
  [/hostaddr/, 'hostaddr takes numeric IP addresses only, one per host; put names in host.'],
  [/target_session_attrs/, 'Use any, read-write, read-only, primary, standby or prefer-standby.'],
  [/protocol/, 'Use TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3, with min <= max.'],
];

export const rule: FindingRule = {
  meta: { id: 'value_rejected', severity: 'error', description: 'libpq refuses a value before connecting.' },
  check(ctx) {
    return ctx.rejections.map((message) => ({
      severity: 'error' as const,
      message: `libpq parses the string but refuses to connect with it: ${ctx.safe(message)}`,
      fix: FIX.find(([re]) => re.test(message))?.[1] ?? 'Correct the value libpq names.',
    }));
  },
};
