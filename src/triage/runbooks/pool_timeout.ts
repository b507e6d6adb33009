// pool_timeout: the client's own pool ran dry (SQLAlchemy `QueuePool limit of
// size N overflow M reached`, pg-pool `timeout exceeded when trying to
// connect`, Prisma P2024, ActiveRecord "could not obtain a connection"). The
// first check compares the pool with the server: a pool that is full while the
// server has free slots is this family; a server refusing slots is
// too_many_connections.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'pool_timeout',
  steps: [
    {
      id: 'compare_pool_with_server',
      title: 'Compare what the pool holds with what the server sees',
      action:
        'Read the pool\'s own counters and count the app\'s connections on the server. A full pool with free server slots means the app holds its connections too long or needs more.',
      verify:
        '`select application_name, state, count(*) from pg_stat_activity where usename = current_user group by 1, 2;` and `show max_connections;` next to the pool size in the error.',
      confirmed: 'The app holds exactly its pool size on the server and the server has free slots.',
      ruledOut: 'The server refuses new connections (see too_many_connections) or the app holds fewer than its pool size.',
      fix: 'Find what holds the connections (next checks); raise the pool size only if they are all busy with real work and the server has room.',
      source: 'https://docs.sqlalchemy.org/en/20/errors.html#error-3o7r ; https://node-postgres.com/apis/pool',
      clientVariants: {
        sqlalchemy: { verify: 'Log `engine.pool.status()` when the error occurs (checked out, overflow, in pool), next to the pg_stat_activity count.' },
        'node-postgres': { verify: 'Log `pool.totalCount`, `pool.idleCount` and `pool.waitingCount` when the error occurs; `waitingCount > 0` with `idleCount = 0` is a full pool.' },
        prisma: { verify: 'P2024 prints `Current connection pool timeout: T, connection limit: N`; with `previewFeatures = ["metrics"]`, `await prisma.$metrics.json()` shows busy and idle connections.' },
      },
    },
    {
      id: 'find_unreleased_connections',
      title: 'Find connections taken from the pool and never given back',
      action:
        'A checkout without a release on some path (an early return, an exception, a session never closed) leaks one connection each time until the pool is empty.',
      verify:
        '`select pid, state, now() - state_change as idle_for, left(query, 60) from pg_stat_activity where usename = current_user and state in (\'idle\', \'idle in transaction\') order by state_change;`: connections the pool counts as busy but the server sees idle are leaked.',
      confirmed: 'Checked-out connections sit idle or idle in transaction on the server for long, and the count grows with traffic.',
      ruledOut: 'Every checked-out connection is running a query.',
      fix: 'Release on every path: a `finally`, a context manager or `defer`; commit or roll back every transaction.',
      source: 'https://docs.sqlalchemy.org/en/20/orm/session_basics.html#opening-and-closing-a-session ; https://node-postgres.com/apis/pool#releasing-clients',
      clientVariants: {
        sqlalchemy: { fix: 'Use `with Session(engine) as session:` (or `with engine.connect() as conn:`) everywhere; in web apps close the session at the end of each request (Flask-SQLAlchemy does it, a hand-made session does not).' },
        'node-postgres': { fix: '`const client = await pool.connect(); try { ... } finally { client.release() }`, or use `pool.query` for single statements.' },
        typeorm: { fix: 'Every `createQueryRunner()` needs `await queryRunner.release()` in `finally`.' },
        prisma: { fix: 'Keep interactive transactions (`$transaction(async (tx) => ...)`) short and never await external calls inside them; use one PrismaClient per process.' },
        pgx: { fix: '`defer rows.Close()` after every Query, and `conn.Release()` after every `pool.Acquire`.' },
      },
    },
    {
      id: 'check_slow_queries',
      title: 'Check slow queries or long transactions hold the connections',
      action: 'Connections busy for seconds each drain a small pool under modest traffic: slow queries, lock waits, or external calls made inside a transaction.',
      verify:
        '`select pid, now() - xact_start as in_tx, state, wait_event_type, left(query, 80) from pg_stat_activity where usename = current_user and state <> \'idle\' order by xact_start;`',
      confirmed: 'Transactions run for seconds or wait on locks while the pool is full.',
      ruledOut: 'Queries finish in milliseconds.',
      fix: 'Add the missing index, set a `statement_timeout` for the app role, move HTTP calls and file work outside transactions, and keep transactions short.',
      source: 'https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW ; https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT',
    },
    {
      id: 'check_nested_checkouts',
      title: 'Look for code that takes a second connection while holding one',
      action: 'Code that opens a new session or calls `pool.query` while already holding a connection (e.g. inside a transaction) deadlocks the pool once concurrency reaches the pool size.',
      verify: 'Read the code path from the stack trace: a checkout inside a function that already holds a client/session or runs inside a transaction callback.',
      confirmed: 'A request path needs two connections at once.',
      ruledOut: 'Each request path uses one connection at a time.',
      fix: 'Pass the held client/session (or transaction object) down instead of taking a new one.',
      source: 'https://node-postgres.com/features/transactions ; https://docs.sqlalchemy.org/en/20/orm/session_transaction.html',
    },
    {
      id: 'size_pool_for_concurrency',
      title: 'Size the pool and its wait time for real concurrency',
      action: 'If every connection is busy with real, short work, the pool is simply smaller than the concurrency the app serves.',
      verify: 'Compare peak concurrent requests (or worker threads) with the pool size; check the pool\'s wait time setting.',
      confirmed: 'Peak concurrency exceeds the pool size and queries are fast.',
      ruledOut: 'The pool is already as large as the concurrency.',
      fix: 'Raise the pool size within the server\'s limit (pool × processes < max_connections, or use the `-pooler` host), and give bursts a longer wait.',
      source: 'https://docs.sqlalchemy.org/en/20/core/pooling.html#sqlalchemy.pool.QueuePool ; https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/databases-connections/connection-pool',
      clientVariants: {
        sqlalchemy: { fix: '`create_engine(url, pool_size=10, max_overflow=10, pool_timeout=30)` (defaults 5, 10, 30 s).' },
        'node-postgres': { fix: '`new Pool({ max: 20, connectionTimeoutMillis: 5000 })` (default max 10).' },
        prisma: { fix: 'DATABASE_URL `connection_limit=10&pool_timeout=20` (defaults: num_cpus × 2 + 1 and 10 s).' },
        jdbc: { fix: 'HikariCP `maximumPoolSize` and `connectionTimeout` (defaults 10 and 30000 ms).' },
      },
    },
  ],
  collectNext: [
    'The exact error text with the pool size and timeout it prints.',
    'Pool settings per process and the number of processes, workers or instances.',
    'The pool counters at the time of the error (checked out, idle, waiting).',
    'A `pg_stat_activity` snapshot for the app\'s role grouped by state (no query text if it holds data).',
    'Peak request concurrency and the slowest queries in that window.',
  ],
};
