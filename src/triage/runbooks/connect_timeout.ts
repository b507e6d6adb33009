// connect_timeout: the connection attempt ran out of time (`timeout expired`,
// `Connection terminated due to connection timeout`, ETIMEDOUT, cold starts of
// a suspended Neon compute). The first check times a cold and a warm connect
// next to a bare TCP probe: that separates a compute waking from scale to zero
// (this family) from a port that never answers (cannot_connect, real-errors
// a153 and a165 are firewalls that drop the traffic).
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'connect_timeout',
  steps: [
    {
      id: 'time_cold_and_warm_connect',
      title: 'Time a cold and a warm connect next to a bare TCP probe',
      action:
        'See whether the port answers at all, then whether only the first connect after idle time is slow. A Neon compute idle for 5 minutes (default) is suspended and wakes on the next connection.',
      verify:
        '`nc -vz -w 5 <host> 5432`, then twice in a row: `time psql "$DATABASE_URL" -c "select 1"`. Neon console → Branches shows the compute as Idle or Active.',
      confirmed: '`nc` connects; the first psql is slow (compute was Idle), the second is fast, and the client\'s connect timeout is shorter than the first.',
      ruledOut: '`nc` hangs or fails (next check), or every connect is equally slow.',
      fix:
        'Give the connect enough time for a cold start and retry once: libpq/psycopg `connect_timeout=10`, node-postgres `connectionTimeoutMillis: 10000`. On paid plans you can disable or lengthen scale to zero.',
      source: 'https://neon.com/docs/connect/connection-latency ; https://neon.com/docs/introduction/compute-lifecycle',
      clientVariants: {
        prisma: { fix: 'Add `connect_timeout=15` to DATABASE_URL (Prisma default is 5 s); with the pooler also raise `pool_timeout` if P2024 follows.' },
        'node-postgres': { fix: '`new Pool({ connectionTimeoutMillis: 10000 })` (default 0 waits for the OS timeout) and retry once on a connect timeout.' },
        typeorm: { fix: 'Set `connectTimeoutMS: 10000` in the DataSource options (passed to pg as connectionTimeoutMillis).' },
        sqlalchemy: { fix: '`create_engine(url, connect_args={"connect_timeout": 10}, pool_pre_ping=True)`.' },
        asyncpg: { fix: '`asyncpg.connect(dsn, timeout=30)` / `create_pool(dsn, timeout=30)`; the default is 60 s, so a shorter wrapper timeout is the one firing.' },
        pgx: { fix: 'Add `connect_timeout=10` to the URL, or set `ConnConfig.ConnectTimeout`.' },
        jdbc: { fix: 'Add `connectTimeout=10` (seconds) to the JDBC URL and HikariCP `connectionTimeout=30000`.' },
      },
    },
    {
      id: 'check_port_blocked',
      title: 'Check the network lets TCP 5432 out',
      action:
        'A timeout (rather than a refusal) means packets are dropped: a corporate or hotel firewall, a VPN, a security group with no inbound rule. Compare with another network.',
      verify: '`nc -vz -w 5 <host> 5432` here and from another network (e.g. a phone hotspot); `curl -sv https://<host> -m 5 2>&1 | head -3` tells whether 443 passes.',
      confirmed: '5432 hangs on this network and works elsewhere, or the security group has no inbound rule for your address.',
      ruledOut: '5432 connects from this network.',
      fix:
        'Ask for outbound TCP 5432 to be allowed, add an inbound rule for your address, or use the Neon serverless driver, which talks over HTTPS/WebSockets on 443.',
      source: 'https://neon.com/docs/serverless/serverless-driver ; https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-CONNECT-TIMEOUT',
    },
    {
      id: 'check_dns_and_address_family',
      title: 'Check name resolution and IPv6 do not eat the timeout',
      action: 'Slow DNS, or an IPv6 address tried first on a network where IPv6 goes nowhere, can use up the whole connect timeout before IPv4 is tried.',
      verify: '`time getent ahosts <host>`; `nc -4 -vz -w 5 <host> 5432` versus `nc -6 -vz -w 5 <host> 5432`.',
      confirmed: 'Resolution takes seconds, or IPv4 connects while IPv6 hangs.',
      ruledOut: 'Resolution is fast and the address family the client uses connects.',
      fix: 'Fix the resolver, or prefer IPv4: Node `--dns-result-order=ipv4first` (or `dns.setDefaultResultOrder(\'ipv4first\')`), libpq `hostaddr=<ipv4>` alongside `host`.',
      source: 'https://nodejs.org/api/dns.html#dnssetdefaultresultorderorder ; https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-HOSTADDR',
    },
    {
      id: 'check_region_latency',
      title: 'Check the distance between app and database',
      action: 'TLS and SCRAM need several round trips; an app in another region than the database, or on a slow link, can exceed a tight timeout on every connect.',
      verify: '`ping -c 3 <host>` or the `time psql` from the first check, from where the app runs; the Neon project region is in the console (Project settings).',
      confirmed: 'Every connect (warm too) takes close to the timeout and the app runs in another region.',
      ruledOut: 'Warm connects take well under the timeout.',
      fix: 'Run the app in the database\'s region (or move the project), keep connections pooled instead of connecting per request, and set the timeout with headroom.',
      source: 'https://neon.com/docs/connect/connection-latency',
    },
    {
      id: 'check_server_overload',
      title: 'Check the server is not too busy to accept connections',
      action: 'A compute at its CPU or memory ceiling, or a burst of connection attempts, answers slowly; every new connection starts a server process.',
      verify:
        'Neon console → Monitoring (CPU, RAM, connections) at the error times; `select count(*), state from pg_stat_activity group by state;`.',
      confirmed: 'CPU or memory is at the compute\'s maximum, or hundreds of connections open at once, when the timeouts happen.',
      ruledOut: 'The compute has headroom when the timeouts happen.',
      fix: 'Raise the autoscaling maximum or compute size, connect through the `-pooler` host, and cap pool sizes so bursts reuse connections.',
      source: 'https://neon.com/docs/introduction/monitoring-page ; https://neon.com/docs/connect/connection-pooling',
    },
  ],
  collectNext: [
    'The exact error text and how long the attempt took before it failed.',
    'The connect timeout setting of the client and pool, and the client version.',
    'Output of `nc -vz -w 5 <host> 5432` and two `time psql "$DATABASE_URL" -c "select 1"` runs from where the app runs.',
    'Where the app runs (region, platform, network / VPN) and the Neon project region.',
    'Neon compute state and scale-to-zero setting at the time of the error.',
  ],
};
