// stale_connection: a pooled connection died under the client (server closed
// the connection unexpectedly, Connection terminated unexpectedly, 57P01,
// SSL SYSCALL error: EOF detected, ECONNRESET). The first check is fixed by the
// lesson: pre-ping (or its driver equivalent) is on. Its verify first asks where
// the error happened: a query on a reused connection is this family; the very
// first connect failing the same way is ssl_required or cannot_connect
// (real-errors b029: "server closed the connection unexpectedly" at connect).
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'stale_connection',
  steps: [
    {
      id: 'confirm_pre_ping',
      title: 'Confirm pre-ping (pool_pre_ping or its driver equivalent) is on',
      action:
        'First see where it fails: on a query over a connection the pool handed out after idle time (this family), or on the very first connect (then it is ssl_required or cannot_connect). Then check the pool tests a connection before handing it out.',
      verify:
        'The stack trace shows a query/execute frame, not connect. Then look for the pool\'s liveness check in the code, e.g. `grep -rn "pool_pre_ping" .` (SQLAlchemy).',
      confirmed: 'The failure is on a reused connection and the pool hands out connections without testing them.',
      ruledOut: 'Pre-ping (or its equivalent below) is on and the error still comes, or it fails on the first connect.',
      fix: 'Turn on the pool\'s liveness check for your client (see the client\'s variant), and retry once on a dead connection for idempotent work.',
      // Client variants: SQLAlchemy pooling docs; api.rubyonrails.org ConnectionPool; HikariCP README; r2dbc/r2dbc-pool README;
      // npgsql.org/doc/connection-string-parameters.html#pooling; pkg.go.dev/database/sql; hexdocs.pm/db_connection;
      // docs.rs/sqlx PoolOptions; docs.rs/r2d2 Builder; php.net/manual/en/pdo.connections.php; sequelize.org connection-pool;
      // knexjs.org/guide/#pool; bun.sh/docs/api/sql.
      source: 'https://docs.sqlalchemy.org/en/20/core/pooling.html#disconnect-handling-pessimistic',
      clientVariants: {
        sqlalchemy: {
          verify: '`grep -rn "create_engine" .` and check the call has `pool_pre_ping=True`.',
          fix: '`create_engine(url, pool_pre_ping=True, pool_recycle=240)`: a `SELECT 1` on checkout replaces dead connections; recycle below the 5-minute Neon scale-to-zero idle time.',
        },
        'node-postgres': {
          verify:
            'node-postgres has no pre-ping: check the Pool has `idleTimeoutMillis` well below any server/proxy idle limit (default 10000; `0` keeps clients forever) and a `pool.on(\'error\', ...)` listener: `grep -rn "idleTimeoutMillis\\|on(\'error\'" src`.',
          fix:
            '`new Pool({ idleTimeoutMillis: 30000, max: 10 })` plus `pool.on(\'error\', (err) => log.warn(err))` so an idle client\'s death is logged, not fatal; take a client per unit of work (`pool.query` or `connect()`/`release()`), and retry once on `Connection terminated unexpectedly`.',
        },
        typeorm: {
          verify: 'TypeORM uses a pg Pool: check `extra: { idleTimeoutMillis, max }` in the DataSource options and whether anything holds a QueryRunner open.',
          fix: 'Set `extra: { idleTimeoutMillis: 30000 }` and release every QueryRunner (`finally { await qr.release() }`); retry once on `Connection terminated unexpectedly`.',
        },
        prisma: {
          verify: 'Prisma has no pre-ping; check for P1017 ("Server has closed the connection") after idle periods, and the `connection_limit` / `pool_timeout` in DATABASE_URL.',
          fix: 'Catch P1017 and retry the operation once: Prisma opens a new connection on the next query. Keep `connect_timeout` long enough for the cold start that follows a suspend.',
        },
        django: {
          verify: '`grep -rn "CONN_MAX_AGE\\|CONN_HEALTH_CHECKS" settings*.py`',
          fix: 'Set `CONN_HEALTH_CHECKS = True` (Django 4.1+) with a finite `CONN_MAX_AGE` (e.g. 60) so a persistent connection is tested before reuse.',
        },
        psycopg2: {
          verify: 'psycopg2 and its `psycopg2.pool` never test connections: look for a connection kept across requests and used without a check.',
          fix: 'Take connections per unit of work and test on checkout (`conn.closed` or a `select 1` in a try), or move to SQLAlchemy with `pool_pre_ping=True` or psycopg_pool with `check=`.',
        },
        'postgres-js': {
          verify: 'Check the `idle_timeout` and `max_lifetime` options passed to `postgres(url, {...})`.',
          fix: 'postgres.js reconnects on the next query; set `idle_timeout: 240` (seconds) and `max_lifetime` below the smallest idle limit in the path, and retry once on `CONNECTION_CLOSED`.',
        },
        'neon-serverless': {
          verify: 'Which API: the HTTP `neon()` query function holds no connection; `Pool` / `Client` over WebSockets do.',
          fix: 'Use `neon()` over HTTP for one-shot queries; with `Pool`, add `pool.on(\'error\', ...)` and create the pool inside the request handler on serverless platforms.',
        },
        psycopg3: {
          verify: 'Check the `psycopg_pool.ConnectionPool(...)` call passes `check=`.',
          fix: '`ConnectionPool(conninfo, check=ConnectionPool.check_connection, max_idle=240)`.',
        },
        asyncpg: {
          verify: 'Check the app uses `asyncpg.create_pool` (not one global `asyncpg.connect`) and its `max_inactive_connection_lifetime`.',
          fix: '`asyncpg.create_pool(dsn, max_inactive_connection_lifetime=240)` and acquire per unit of work (`async with pool.acquire() as conn`).',
        },
        pgx: {
          verify: 'Check pgxpool settings: `pool_max_conn_idle_time` / `pool_health_check_period` in the URL or `pgxpool.Config`.',
          fix: 'Use `pgxpool` (it checks idle connections before use) with `MaxConnIdleTime = 4*time.Minute` and `HealthCheckPeriod = time.Minute`.',
        },
        jdbc: {
          verify: 'HikariCP: check `maxLifetime`, `idleTimeout` and `keepaliveTime` against the server/network idle limits.',
          fix: 'Set `maxLifetime` (e.g. 240000 ms) below any idle limit in the path and `keepaliveTime` (e.g. 60000 ms); HikariCP validates connections on borrow.',
        },
        rails: {
          verify: '`grep -n "idle_timeout\\|reaping_frequency\\|pool" config/database.yml`: ActiveRecord reaps connections idle longer than `idle_timeout` (default 300 s) every `reaping_frequency`.',
          fix: 'Set `idle_timeout: 240` (seconds) in config/database.yml, below any idle limit in the path; ActiveRecord verifies a connection on checkout and, from Rails 7.1, reconnects and retries an idempotent query once (`connection_retries`).',
        },
        'ruby-pg': {
          verify: 'A bare `PG::Connection` has no pool and no liveness check: look for one connection kept across requests; in Rails it is ActiveRecord\'s pool (config/database.yml `idle_timeout`).',
          fix: 'Check `conn.status == PG::CONNECTION_OK` (or rescue `PG::ConnectionBad`) and `conn.reset` before reuse; under Rails set `idle_timeout: 240` in config/database.yml.',
        },
        spring: {
          verify: '`grep -rn "spring.datasource.hikari" src/main/resources`: check `max-lifetime`, `keepalive-time` and `idle-timeout`.',
          fix: '`spring.datasource.hikari.max-lifetime=240000` and `spring.datasource.hikari.keepalive-time=60000` (below any idle limit in the path); HikariCP validates a connection on borrow.',
        },
        r2dbc: {
          verify: 'Check r2dbc-pool `maxIdleTime` / `maxLifeTime` (Spring: `spring.r2dbc.pool.max-idle-time`, `max-life-time`) and its `validationQuery`.',
          fix: '`spring.r2dbc.pool.max-idle-time=4m`, `spring.r2dbc.pool.max-life-time=30m`, `spring.r2dbc.pool.validation-query=SELECT 1`.',
        },
        npgsql: {
          verify: 'Check the connection string for `Connection Idle Lifetime` (default 300 s), `Connection Lifetime` and `Keepalive`, and whether EF Core has `EnableRetryOnFailure()`.',
          fix: 'Add `Connection Idle Lifetime=240;Keepalive=30` to the connection string and `options.UseNpgsql(cs, o => o.EnableRetryOnFailure())` in EF Core, so a dead pooled connection is retried as a transient failure.',
        },
        'lib-pq': {
          verify: '`grep -rn "SetConnMaxIdleTime\\|SetConnMaxLifetime" .`: database/sql keeps idle connections forever unless told.',
          fix: '`db.SetConnMaxIdleTime(4 * time.Minute)` and `db.SetConnMaxLifetime(30 * time.Minute)`; database/sql retries on `driver.ErrBadConn`.',
        },
        postgrex: {
          verify: 'Check the Repo config (config/runtime.exs) for `idle_interval` (DBConnection pings idle connections every interval, default 1000 ms) and `queue_target`.',
          fix: 'Keep `idle_interval` well below any idle limit in the path (the default 1 s ping keeps connections alive); a dead connection is replaced on the next checkout.',
        },
        sqlx: {
          verify: 'Check the `PgPoolOptions` builder: `test_before_acquire` (default true), `idle_timeout`, `max_lifetime`.',
          fix: '`PgPoolOptions::new().test_before_acquire(true).idle_timeout(Duration::from_secs(240)).max_lifetime(Duration::from_secs(1800))`.',
        },
        diesel: {
          verify: 'Check the r2d2 (or deadpool) builder: `test_on_check_out` (r2d2 default true), `idle_timeout`, `max_lifetime`.',
          fix: '`Pool::builder().test_on_check_out(true).idle_timeout(Some(Duration::from_secs(240))).build(manager)`.',
        },
        php: {
          verify: 'PHP has no pool: look for `PDO::ATTR_PERSISTENT => true` (persistent connections outlive the server\'s idle limits) and long-running workers (queues, Octane) that keep one connection.',
          fix: 'Drop `PDO::ATTR_PERSISTENT`; in long-running Laravel workers call `DB::reconnect()` on failure (Laravel already retries a query once when it detects a lost connection).',
        },
        sequelize: {
          verify: 'Check the `pool` option of `new Sequelize(...)`: `idle`, `evict`, `max`.',
          fix: '`pool: { max: 5, idle: 10000, evict: 10000 }` plus `retry: { match: [/ConnectionError/, /ECONNRESET/], max: 2 }`.',
        },
        knex: {
          verify: 'Check the `pool` option of `knex({...})` (tarn): `min`, `max`, `idleTimeoutMillis`.',
          fix: '`pool: { min: 0, max: 10, idleTimeoutMillis: 30000 }`: `min: 0` lets idle connections go before a server or proxy kills them.',
        },
        'bun-sql': {
          verify: 'Check the options of `new SQL({...})`: `idleTimeout` and `maxLifetime` (seconds).',
          fix: '`new SQL({ url, idleTimeout: 240, maxLifetime: 1800 })`, and retry once on `ERR_POSTGRES_CONNECTION_CLOSED`.',
        },
      },
    },
    {
      id: 'check_idle_limits',
      title: 'Compare the pool\'s idle lifetime with every idle limit in the path',
      action:
        'Something between the app and the data kills idle connections: Neon scale to zero (after 5 minutes idle by default), a pooler\'s idle timeout, a server `idle_session_timeout`, or a NAT / load balancer.',
      verify:
        '`psql "$DATABASE_URL" -c "show idle_session_timeout" -c "show idle_in_transaction_session_timeout"`; Neon console → Branches → compute → Edit → Scale to zero; compare with the pool\'s idle/recycle setting.',
      confirmed: 'The pool keeps connections idle longer than one of these limits, and errors follow idle periods (first request in the morning, after a quiet spell).',
      ruledOut: 'Every idle limit in the path is longer than the pool\'s idle lifetime.',
      fix:
        'Make the pool drop idle connections first: SQLAlchemy `pool_recycle` / node-postgres `idleTimeoutMillis` / HikariCP `maxLifetime` below the smallest limit (e.g. 240 s under a 300 s scale to zero).',
      source: 'https://neon.com/docs/connect/connection-errors#terminating-connection-due-to-administrator-command ; https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-IDLE-SESSION-TIMEOUT',
    },
    {
      id: 'check_server_restarts',
      title: 'Check whether the server restarted or terminated backends',
      action:
        '`terminating connection due to administrator command` (57P01) means the server ended the session: a restart, a Neon compute suspend, restart or resize, or someone ran pg_terminate_backend.',
      verify:
        'Neon console → Monitoring / the branch\'s compute operations for suspend and restart times; self-hosted: `grep -E "shutdown|terminating connection" /var/log/postgresql/*.log` and `select pg_postmaster_start_time();`.',
      confirmed: 'A suspend, restart or termination lines up with the error times.',
      ruledOut: 'The server has been up the whole time and nothing terminated sessions.',
      fix:
        'Expect it: keep the liveness check from the first step and retry idempotent work once on 57P01 / 08006. Raise or disable scale to zero on Neon paid plans if idle-time restarts hurt.',
      source: 'https://neon.com/docs/guides/scale-to-zero-guide ; https://www.postgresql.org/docs/current/errcodes-appendix.html',
      clientVariants: {
        'server-log': {
          verify: 'The pasted log itself: shutdown lines (`fast shutdown request`, or localised as in real-errors a096) just before `terminating connection due to administrator command` mean a server stop or restart.',
        },
      },
    },
    {
      id: 'check_long_lived_client',
      title: 'Look for a single connection held for the life of the process',
      action:
        'A connection opened once at start-up and shared forever (a global `new Client()`, `psycopg2.connect` at import, a module-level `asyncpg.connect`) has no pool to replace it when it dies.',
      verify: '`grep -rnE "new (pg\\.)?Client\\(|psycopg2?\\.connect\\(|asyncpg\\.connect\\(" src app`',
      confirmed: 'The app queries through one long-lived connection object.',
      ruledOut: 'Every query borrows from a pool and returns the connection.',
      fix: 'Replace it with a pool and borrow per request; for scripts, open the connection inside the unit of work and close it in `finally`.',
      source: 'https://node-postgres.com/apis/pool ; https://www.psycopg.org/psycopg3/docs/advanced/pool.html',
    },
    {
      id: 'check_tcp_keepalive',
      title: 'Check long-running queries survive the network\'s idle timeout',
      action:
        'A long query or a long wait inside a transaction sends no packets; a NAT or firewall may drop the flow (`SSL SYSCALL error: EOF detected`, `Operation timed out` mid-query).',
      verify: 'Do the failures hit statements that run for minutes? Check the client\'s keepalive settings (libpq `keepalives_idle`, node-postgres `keepAlive`).',
      confirmed: 'Failures hit long statements and TCP keepalive is off or slower than the network idle timeout.',
      ruledOut: 'Failures happen on short queries after idle time (see the earlier checks).',
      fix: 'libpq/psycopg: `?keepalives=1&keepalives_idle=60&keepalives_interval=10`; node-postgres: `new Pool({ keepAlive: true, keepAliveInitialDelayMillis: 10000 })`.',
      source: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-KEEPALIVES ; https://node-postgres.com/apis/client',
    },
  ],
  collectNext: [
    'The exact error text and the stack frames around it (query or connect).',
    'When it happens: after idle time, under load, at deploys, at fixed times; with timestamps.',
    'Client library, ORM and pool settings (pool size, idle timeout, recycle, pre-ping).',
    'Neon compute scale-to-zero setting, or the server\'s `idle_session_timeout` and restart times.',
    'Anything between app and database (PgBouncer, a load balancer, NAT, VPN).',
  ],
};
