// ssl_unsupported: the client demanded TLS from a server that does not offer it
// (`The server does not support SSL connections`, `server does not support SSL,
// but SSL was required`, asyncpg `rejected SSL upgrade`). Usually a local or
// Docker server reached with settings meant for a hosted one (real-errors
// b063), sometimes a server-side setting (b057, RDS). The first check finds
// which server the client reached.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'ssl_unsupported',
  steps: [
    {
      id: 'check_target_server',
      title: 'Check which server the client reached and whether it offers TLS',
      action: 'A local or Docker PostgreSQL usually has TLS off. Confirm the host is the one you meant, and ask that server whether ssl is on.',
      verify:
        '`node -e "const u=new URL(process.env.DATABASE_URL); console.log(u.hostname, u.port || 5432, u.searchParams.get(\'sslmode\'))"`; then `psql "host=<host> port=<port> user=<user> dbname=<db> sslmode=disable" -c "show ssl"`.',
      confirmed: 'The host is a local/Docker/private server and `show ssl` is `off`.',
      ruledOut: '`show ssl` is `on` (then something between you and it strips TLS: see the pooler check).',
      fix: 'For that local server only, use `sslmode=disable` (or `prefer`) in its URL; keep `sslmode=require` for Neon. Keep one URL per environment.',
      source: 'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL ; https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-SSLMODE-STATEMENTS',
    },
    {
      id: 'check_client_forces_ssl',
      title: 'Look for TLS forced in code or environment for every environment',
      action: 'Code or config that always sets `ssl: true`, or an exported `PGSSLMODE=require`, applies to the local database too.',
      verify: '`grep -rnE "ssl[\\"\' ]*[:=] *(true|\\{)|sslmode" src config settings*.py`; `env | grep -E \'^PGSSL\'`.',
      confirmed: 'TLS is forced unconditionally while the target server has it off.',
      ruledOut: 'TLS settings come only from the per-environment URL.',
      fix: 'Make TLS follow the environment (take it from the URL, or a setting such as `DB_SSL`), and unset PGSSLMODE locally.',
      source: 'https://node-postgres.com/features/ssl ; https://www.postgresql.org/docs/current/libpq-envars.html',
      clientVariants: {
        'node-postgres': { fix: 'Set `ssl` from configuration (e.g. `ssl: process.env.DB_SSL === \'true\'`) or only via the URL\'s sslmode; `sslmode=disable` turns it off.' },
        asyncpg: { fix: 'Pass `ssl=` per environment; asyncpg\'s default (`prefer`) falls back to plain text, so only an explicit `ssl=\'require\'` raises this.' },
      },
    },
    {
      id: 'check_pooler_or_proxy_tls',
      title: 'Check a pooler or proxy in between accepts TLS',
      action: 'A PgBouncer, a cloud SQL proxy, an SSH tunnel or a port-forward may not offer TLS even when the server behind it does. PgBouncer\'s `client_tls_sslmode` defaults to `disable`.',
      verify: 'Is the port a pooler or proxy (6432, a local port of a proxy)? `psql "host=<host> port=<port> sslmode=require ..." -c "select 1"` against it and against the server directly.',
      confirmed: 'TLS works to the server but not to the pooler or proxy.',
      ruledOut: 'Nothing sits between client and server.',
      fix: 'Enable TLS on the pooler (`client_tls_sslmode = require` with `client_tls_key_file` / `client_tls_cert_file`), or, for an encrypting proxy such as the Cloud SQL Auth Proxy, connect to it with `sslmode=disable`.',
      source: 'https://www.pgbouncer.org/config.html#tls-settings',
    },
    {
      id: 'enable_server_ssl',
      title: 'Enable TLS on the server when it should have it',
      action: 'If the server is meant to accept encrypted connections, turn ssl on with a certificate and key, or fix the managed service\'s parameter (b057 turned out to be a server-side setting).',
      verify: '`show ssl; show ssl_cert_file;` as a superuser, or the managed service\'s parameter group / TLS settings page.',
      confirmed: '`ssl` is off on a server that clients reach over a network.',
      ruledOut: '`ssl` is on.',
      fix: 'Set `ssl = on`, `ssl_cert_file`, `ssl_key_file` in postgresql.conf and `select pg_reload_conf();`; in Docker start postgres with `-c ssl=on -c ssl_cert_file=... -c ssl_key_file=...`.',
      source: 'https://www.postgresql.org/docs/current/ssl-tcp.html',
    },
  ],
  collectNext: [
    'The exact error text.',
    'The host and port the client connects to and the sslmode / ssl options (no password).',
    'What runs at that address (local, Docker, managed, pooler, proxy) and the output of `show ssl` there.',
    'Client, driver and version.',
  ],
};
