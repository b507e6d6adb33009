import type { FindingRule } from './types.ts';

// libpq's default sslmode is prefer (try TLS, fall back to plaintext, never
// verify); node-postgres's default is no TLS. Neon requires TLS and documents
// sslmode=require (https://neon.com/docs/connect/connect-securely).
export const rule: FindingRule = {
  meta: { id: 'sslmode_missing', severity: 'warn', description: 'No sslmode: TLS is left to defaults that differ per driver.' },
  check(ctx) {
    if (ctx.ok === undefined || ctx.ok.options.sslmode !== undefined) return [];
    const local = ctx.parts?.hosts.every((h) => h.kind === 'socket_dir' || h.kind === 'default' || /^(localhost|127\.|::1$)/.test(h.host ?? '')) ?? false;
    if (local) return [];
    const separator = ctx.meant.form === 'uri' ? (ctx.safeMeant.includes('?') ? '&' : '?') : ' ';
    return [
      {
        severity: ctx.neon !== undefined ? 'error' : 'warn',
        message: 'No sslmode: libpq defaults to prefer (tries TLS, silently falls back to plaintext, never verifies the server) and node-postgres to no TLS at all, which TLS-only servers such as Neon refuse ("connection is insecure").',
        fix: `Add sslmode=require (what Neon's console gives) or sslmode=verify-full to also verify the certificate: ${ctx.safeMeant}${separator}sslmode=require`,
      },
    ];
  },
};
