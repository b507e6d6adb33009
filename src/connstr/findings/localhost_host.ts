import type { FindingRule } from './types.ts';

// localhost inside a container is the container; on serverless platforms
// there is no database next to the function.
const LOCAL = /^(localhost|127(?:\.\d+){3}|::1|0\.0\.0\.0)$/i;

export const rule: FindingRule = {
  meta: { id: 'localhost_host', severity: 'info', description: 'The host is this machine (localhost, 127.0.0.1, a Unix socket).' },
  check(ctx) {
    const parts = ctx.parts;
    const o = ctx.ok?.options;
    if (parts === undefined || o === undefined) return [];
    const local = parts.hosts.filter((h) => h.kind === 'default' || (h.host !== null && LOCAL.test(h.host)) || (h.hostaddr !== undefined && LOCAL.test(h.hostaddr)));
    if (local.length === 0) return [];
    // Signs that a cloud database was meant: strict TLS, channel binding, Neon's default role/database names.
    const cloudHints = ['require', 'verify-ca', 'verify-full'].includes(o.sslmode ?? '') || o.channel_binding === 'require' || /^neondb/.test(o.user ?? '') || o.dbname === 'neondb';
    const where = local.some((h) => h.kind === 'default') ? 'no host, so libpq uses a local Unix socket' : 'localhost';
    return [
      {
        severity: cloudHints ? 'warn' : 'info',
        message: `The string points at this machine (${where}). Inside a container that is the container itself, and on serverless platforms nothing listens there: "connection refused" (ECONNREFUSED 127.0.0.1:5432).${cloudHints ? ' The TLS and role settings suggest a cloud database was meant.' : ''}`,
        fix: 'If you meant Neon (or another cloud database), copy the full string from its console; from a container to the host machine use host.docker.internal or the compose service name.',
      },
    ];
  },
};
