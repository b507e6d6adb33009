// The connection attempt itself timed out: a firewall dropping packets, a
// wrong port that never answers, or a suspended compute waking up slowly.
import { runbook } from '../runbooks/connect_timeout.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'connect_timeout',
    title: 'Connection attempt timed out',
    summary: 'The client gave up before the server answered the connection attempt.',
  },
  patterns: [
    {
      id: 'prisma-P1002',
      kind: 'client-code',
      pattern: /\bP1002\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1002',
    },
    {
      id: 'postgres-js-connect-timeout',
      kind: 'client-code',
      pattern: /\bCONNECT_TIMEOUT\b/,
      weight: 0.95,
      clients: ['postgres-js'],
      source: 'porsager/postgres src/connection.js: Errors.connection("CONNECT_TIMEOUT", ...)',
    },
    {
      id: 'connect-etimedout',
      kind: 'errno',
      pattern: /\bconnect ETIMEDOUT\b/,
      weight: 0.92,
      clients: ['node-postgres', 'typeorm', 'sequelize', 'knex', 'postgres-js'],
      source: 'Node.js net: "connect ETIMEDOUT <address>:<port>"',
    },
    {
      id: 'etimedout',
      kind: 'errno',
      pattern: /\bETIMEDOUT\b/,
      weight: 0.8,
      clients: ['node-postgres', 'typeorm', 'sequelize', 'knex'],
      source: "Node.js system error code: code: 'ETIMEDOUT'",
    },
    {
      id: 'prisma-reached-but-timed-out',
      kind: 'wording',
      pattern: /was reached but timed out/i,
      weight: 0.95,
      clients: ['prisma'],
      source: 'Prisma P1002 message',
    },
    {
      id: 'pg-connection-timeout',
      kind: 'wording',
      pattern: /Connection terminated due to connection timeout/i,
      weight: 0.97,
      clients: ['node-postgres', 'typeorm', 'drizzle'],
      source: 'brianc/node-postgres packages/pg/lib/client.js (connectionTimeoutMillis)',
    },
    {
      id: 'timeout-expired',
      kind: 'wording',
      pattern: /\btimeout expired\b/i,
      weight: 0.9,
      clients: ['libpq', 'psycopg2', 'psycopg3', 'sqlalchemy', 'django'],
      source: 'libpq fe-connect.c connect_timeout: "timeout expired"; psycopg 3 "connection timeout expired"',
    },
    {
      id: 'tcp-connect-timed-out',
      kind: 'wording',
      pattern: /(?:could not connect to server|failed):\s+(?:Operation|Connection) timed out/i,
      weight: 0.92,
      clients: ['libpq', 'psycopg2', 'sqlalchemy', 'ruby-pg'],
      source: 'libpq fe-connect.c with strerror(ETIMEDOUT) (PG14+: connection to server at ... failed: Connection timed out)',
    },
    {
      id: 'timed-out',
      kind: 'wording',
      pattern: /\b(?:Operation|Connection) timed out\b/i,
      weight: 0.75,
      clients: ['libpq', 'psycopg2', 'python'],
      source: 'strerror(ETIMEDOUT) as printed by libpq and Python sockets (ctti-clinicaltrials/aact#474)',
    },
    {
      id: 'go-dial-timeout',
      kind: 'wording',
      pattern: /dial tcp \S{1,200}: i\/o timeout|\bdial error \(timeout/i,
      weight: 0.9,
      clients: ['pgx', 'lib-pq'],
      source: 'Go net.Dialer: "dial tcp host:5432: i/o timeout"; pgx "dial error (timeout: ...)"',
    },
    {
      id: 'java-connect-timed-out',
      kind: 'wording',
      pattern: /SocketTimeoutException: connect timed out|Connection attempt timed out/i,
      weight: 0.92,
      clients: ['jdbc'],
      source: 'java.net.SocketTimeoutException; pgjdbc ConnectionFactoryImpl "Connection attempt timed out."',
    },
    {
      id: 'sequelize-timed-out',
      kind: 'wording',
      pattern: /SequelizeConnectionTimedOutError|ConnectionTimedOutError/,
      weight: 0.9,
      clients: ['sequelize'],
      source: 'sequelize lib/errors/connection/connection-timed-out-error.js',
    },
  ],
  nearMisses: [
    {
      id: 'pool-wait-timed-out',
      pattern: /QueuePool limit of size \d{1,6} overflow -?\d{1,6} reached, connection timed out/i,
      reason: 'SQLAlchemy says "connection timed out" when the wait for a pooled connection ran out (pool_timeout).',
    },
  ],
  runbook,
};
