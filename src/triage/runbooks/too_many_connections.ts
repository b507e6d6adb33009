// too_many_connections: the server (or a pooler in front of it) has no free
// connection slot (53300: "remaining connection slots are reserved", "sorry,
// too many clients already", "too many connections for role"). The first check
// is fixed by the lesson: reduce pool size, audit session lifecycle for leaks.
// Its verify counts connections on the server, which tells it apart from
// pool_timeout (the client's own pool ran dry while the server had room).
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'too_many_connections',
  steps: [
    {
      id: 'reduce_pool_size',
      title: 'Reduce pool size, audit session lifecycle for leaks',
      action:
        'Count who holds the server\'s connections and compare with max_connections. Pool size × processes × instances must fit under it with room to spare; a count that keeps growing while traffic does not is a leak.',
      verify:
        '`psql "$DATABASE_URL" -c "select usename, application_name, state, count(*) from pg_stat_activity group by 1,2,3 order by 4 desc" -c "show max_connections"` (run it via the console SQL editor if no slot is free).',
      confirmed: 'One app holds most connections, near max_connections (Neon 0.25 CU: 104, 7 of them reserved), or its `idle` count keeps rising between snapshots.',
      ruledOut: 'The total is well under max_connections while the error occurs (then see the role limit and pooler checks).',
      fix:
        'Lower the pool per process so (pool size × workers × instances) fits, close sessions in `finally`/context managers, or connect through the Neon `-pooler` host (up to 10,000 client connections).',
      source: 'https://neon.com/docs/connect/connection-pooling ; https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW',
      clientVariants: {
        sqlalchemy: {
          fix: '`create_engine(url, pool_size=5, max_overflow=5)`: each process can open pool_size + max_overflow; use `with Session() as session:` so sessions close. Gunicorn/Celery workers each have their own pool.',
        },
        'node-postgres': { fix: '`new Pool({ max: 5 })` per process (default 10); call `client.release()` in `finally` after every `pool.connect()`, or use `pool.query`.' },
        typeorm: { fix: 'Set `extra: { max: 5 }` in the DataSource options and release every QueryRunner in `finally`; create one DataSource per process.' },
        prisma: {
          fix: 'Add `connection_limit=5` to DATABASE_URL (default is num_cpus × 2 + 1) and create a single PrismaClient per process (in Next.js dev, cache it on `globalThis`, since hot reload creates new ones).',
        },
        django: { fix: 'With `CONN_MAX_AGE` above 0 every worker thread keeps its own connection: count workers × threads, lower them or CONN_MAX_AGE, or connect through the `-pooler` host.' },
        asyncpg: { fix: '`asyncpg.create_pool(dsn, min_size=1, max_size=5)` and `async with pool.acquire()` so connections return.' },
        pgx: { fix: 'Set `pool_max_conns=5` in the URL or `pgxpool.Config.MaxConns`, and close `rows` (`defer rows.Close()`) so connections return.' },
        jdbc: { fix: 'HikariCP `maximumPoolSize` (default 10) per instance; close Connection/Statement/ResultSet with try-with-resources.' },
        rails: { fix: 'config/database.yml `pool:` is per process: pool × Puma workers × instances (plus Sidekiq concurrency) must fit under max_connections; keep `pool` equal to the thread count, not more.' },
        spring: { fix: '`spring.datasource.hikari.maximum-pool-size` (default 10) per instance; close connections with try-with-resources or let `@Transactional` do it.' },
        npgsql: { fix: '`Maximum Pool Size` in the connection string (default 100 per pool and process); dispose every `NpgsqlConnection` / `DbContext` (`await using`).' },
        'lib-pq': { fix: '`db.SetMaxOpenConns(10)` and `db.SetMaxIdleConns(5)` per process (database/sql has no limit by default); close `rows` after every query.' },
        postgrex: { fix: '`pool_size` in the Repo config (default 10) per node; pool_size × nodes must fit under max_connections.' },
        sqlx: { fix: '`PgPoolOptions::new().max_connections(5)` per process (default 10).' },
        php: { fix: 'PHP opens one connection per worker: PHP-FPM `pm.max_children` × servers must fit under max_connections, or put a pooler (PgBouncer, the provider\'s pooled endpoint) in front.' },
        sequelize: { fix: '`pool: { max: 5 }` per process (default 5); release transactions (`await t.commit()` / `rollback()`).' },
        knex: { fix: '`pool: { min: 0, max: 5 }` per process (default max 10); always finish transactions.' },
      },
    },
    {
      id: 'find_leaked_sessions',
      title: 'Find sessions left open or idle in transaction',
      action: 'Leaked sessions sit `idle` or `idle in transaction` for a long time and never come back to the pool.',
      verify:
        '`select pid, application_name, client_addr, state, now() - state_change as idle_for, left(query, 60) from pg_stat_activity where state like \'idle%\' order by state_change limit 20;`',
      confirmed: 'Many sessions idle for minutes or hours, or any `idle in transaction` sessions, from the app; the query column shows the last statement that leaked.',
      ruledOut: 'Idle sessions are few and recent (the pool\'s normal spares).',
      fix:
        'Release connections on every path (`finally`, `with`, `defer`), commit or roll back every transaction; as a guard set `idle_in_transaction_session_timeout` (e.g. `alter role app set idle_in_transaction_session_timeout = \'60s\'`). End a stuck one with `select pg_terminate_backend(<pid>)`.',
      source: 'https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-IDLE-IN-TRANSACTION-SESSION-TIMEOUT ; https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADMIN-SIGNAL',
    },
    {
      id: 'check_serverless_fanout',
      title: 'Check serverless or autoscaled instances multiply the pool',
      action:
        'Every serverless invocation container, preview deployment or autoscaled replica has its own pool; 50 instances × 10 connections exhausts a small compute.',
      verify:
        '`select client_addr, count(*) from pg_stat_activity group by 1 order by 2 desc;` and the platform\'s instance count; check whether DATABASE_URL uses the direct host (no `-pooler`).',
      confirmed: 'Connections come from many client addresses or instances through the direct host.',
      ruledOut: 'One or two long-running processes hold the connections.',
      fix:
        'Use the Neon pooled host (`ep-...-pooler.<region>.aws.neon.tech`) for app traffic and keep the direct host for migrations; cap each instance\'s pool at 1-2, or use the Neon serverless driver over HTTP.',
      source: 'https://neon.com/docs/connect/connection-pooling ; https://neon.com/docs/serverless/serverless-driver',
      clientVariants: {
        prisma: { fix: 'Pooled host with `?pgbouncer=true&connection_limit=1` for serverless, and `directUrl` set to the direct host for migrations.' },
      },
    },
    {
      id: 'check_role_connection_limit',
      title: 'Check the role\'s own connection limit',
      action: '`too many connections for role "x"` is the role\'s CONNECTION LIMIT, not the server total.',
      verify: '`select rolname, rolconnlimit, (select count(*) from pg_stat_activity where usename = rolname) as used from pg_roles where rolname = current_user;`',
      confirmed: '`rolconnlimit` is not -1 and `used` has reached it.',
      ruledOut: '`rolconnlimit` is -1 (no limit) or well above what the role uses.',
      fix: 'Raise it as an admin role: `alter role <role> connection limit 20;`, or lower the pools that use this role.',
      source: 'https://www.postgresql.org/docs/current/sql-alterrole.html',
    },
    {
      id: 'check_pooler_limit',
      title: 'Check whether the limit is the pooler\'s, not PostgreSQL\'s',
      action:
        'A pooler in front of the server has its own limits: PgBouncer `max_client_conn` ("no more connections allowed"), Supavisor "Max client connections reached", Neon\'s pooler pool per user and database (90% of max_connections).',
      verify: 'Is the host in the error a pooler (`-pooler`, `pooler.supabase.com`, port 6543)? PgBouncer admin console: `psql -p 6432 -U pgbouncer pgbouncer -c "show pools"`.',
      confirmed: 'The error names the pooler host or carries the pooler\'s wording, and its client or pool limit is reached.',
      ruledOut: 'The app connects directly to PostgreSQL.',
      fix: 'Lower the client pools that connect to the pooler, raise the pooler\'s limit (self-hosted `max_client_conn`, `default_pool_size`), or use transaction mode so clients share server connections.',
      source: 'https://www.pgbouncer.org/config.html#max_client_conn ; https://neon.com/docs/connect/connection-pooling',
    },
  ],
  collectNext: [
    'The exact error text with SQLSTATE (53300) and the host it names.',
    'A `pg_stat_activity` snapshot grouped by application_name, client_addr and state (no query text if it holds data).',
    '`show max_connections` and the Neon compute size.',
    'Pool settings per process and the number of processes / instances / workers.',
    'Whether DATABASE_URL uses the direct or the `-pooler` host.',
  ],
};
