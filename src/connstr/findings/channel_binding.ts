import type { FindingRule } from './types.ts';

// Neon's console strings end in channel_binding=require (SCRAM-SHA-256-PLUS
// ties authentication to the TLS channel; libpq 13+). node-postgres ignores
// the URL parameter (pg/lib/client.js: enableChannelBinding option).
export const rule: FindingRule = {
  meta: { id: 'channel_binding', severity: 'info', description: 'Channel binding missing, impossible or ignored.' },
  check(ctx) {
    const o = ctx.ok?.options;
    if (o === undefined) return [];
    const cb = o.channel_binding;
    if (cb === 'require' && o.sslmode === 'disable') {
      return [{ severity: 'error', message: 'channel_binding=require needs TLS, but sslmode=disable turns TLS off: libpq fails with "channel binding required, but SSL not in use".', fix: 'Use sslmode=require with channel_binding=require.' }];
    }
    if (cb === undefined && ctx.neon !== undefined) {
      return [{ severity: 'info', message: 'No channel_binding: Neon\'s console adds channel_binding=require so that a man in the middle cannot relay the SCRAM authentication (needs libpq 13+; node-postgres needs enableChannelBinding: true in the client config instead).', fix: `${ctx.safeMeant}${ctx.meant.form === 'uri' ? (ctx.safeMeant.includes('?') ? '&' : '?') : ' '}channel_binding=require` }];
    }
    if (cb === 'require') {
      return [{ severity: 'info', message: 'channel_binding=require is enforced by libpq (13+); node-postgres ignores it in the URL and binds only when the client is created with enableChannelBinding: true.', fix: 'For node-postgres: new Client({ connectionString, enableChannelBinding: true }).' }];
    }
    return [];
  },
};
