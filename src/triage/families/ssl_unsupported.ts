// The client demanded TLS from a server that has none (a local Docker
// PostgreSQL, an internal network host with ssl = off).
import { runbook } from '../runbooks/ssl_unsupported.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'ssl_unsupported',
    title: 'Server without TLS',
    summary: 'The client required TLS but the server answered the SSL request with "no".',
  },
  patterns: [
    {
      // Postgrex asked for TLS (ssl: true) and the server answered N to SSLRequest.
      id: 'postgrex-ssl-not-available',
      kind: 'wording',
      pattern: /\(Postgrex\.Error\) ssl not available/,
      weight: 0.9,
      clients: ['postgrex'],
      source: 'elixir-ecto/postgrex lib/postgrex/protocol.ex ssl_recv: "ssl not available" (elixir-ecto/postgrex#387)',
    },
    {
      id: 'server-does-not-support-ssl',
      kind: 'wording',
      pattern: /server does not support SSL|server does not support TLS/i,
      weight: 0.97,
      clients: ['node-postgres', 'libpq', 'psycopg2', 'jdbc', 'prisma'],
      source: 'node-postgres connection.js "The server does not support SSL connections" (brianc/node-postgres#3386); libpq "server does not support SSL, but SSL was required"; pgjdbc "The server does not support SSL."',
    },
    {
      id: 'asyncpg-rejected-ssl-upgrade',
      kind: 'wording',
      pattern: /rejected SSL upgrade/i,
      weight: 0.97,
      clients: ['asyncpg'],
      source: 'MagicStack/asyncpg connect_utils.py "PostgreSQL server at ... rejected SSL upgrade" (RedHatInsights/vulnerability-engine#968)',
    },
    {
      id: 'go-ssl-not-enabled',
      kind: 'wording',
      pattern: /SSL is not enabled on the server|server refused TLS connection/i,
      weight: 0.97,
      clients: ['lib-pq', 'pgx'],
      source: 'lib/pq conn.go ErrSSLNotSupported "pq: SSL is not enabled on the server"; jackc/pgx pgconn "server refused TLS connection"',
    },
    {
      // The server answered 'N' to the client's SSLRequest (no TLS there) and the client was told to insist;
      // the Godot client prefixes pgjdbc's generic "The connection attempt failed." to its own reason.
      id: 'backend-refused-ssl-request',
      kind: 'wording',
      pattern: /The backend does not want to establish a secure SSL\/TLS connection/,
      weight: 0.9,
      clients: ['any'],
      source: "Marzin-bot/PostgreSQLClient (GDScript) PostgreSQLClient.gd: on 'N' to the SSLRequest, push_error(\"... The connection attempt failed. The backend does not want to establish a secure SSL/TLS connection.\") (KuwazyStudio/PostgreSQLClient#29)",
    },
    {
      id: 'client-without-ssl',
      kind: 'wording',
      pattern: /invalid when SSL support is not compiled in/i,
      weight: 0.7,
      clients: ['libpq', 'psycopg2'],
      source: 'libpq fe-connect.c: sslmode value "require" invalid when SSL support is not compiled in',
    },
  ],
  runbook,
};
