// cannot_connect: no server answered at the address the client dialled
// (ECONNREFUSED, ENOTFOUND, "could not translate host name", Prisma P1001).
// The first check is fixed by the lesson (verify the host, sslmode=require, the
// firewall); its verify compares the host in the error with DATABASE_URL, which
// tells it apart from env_missing: a refusal at 127.0.0.1:5432 where a Neon host
// was meant is node-postgres / libpq falling back to localhost because the URL
// was never loaded (real-errors a055, a057).
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'cannot_connect',
  steps: [
    {
      id: 'verify_host',
      title: 'Verify the host string, confirm sslmode=require, check the firewall',
      action:
        'Compare the host:port in the error (the one the client really dialled) with the host in DATABASE_URL, check the URL asks for TLS, and test that the port is reachable from where the app runs.',
      verify:
        'From the app\'s directory, with its env loaded (add `-r dotenv/config` after `node` if the app uses dotenv): `node -e "const u=new URL(process.env.DATABASE_URL); console.log(u.hostname, u.port || 5432, u.searchParams.get(\'sslmode\'))"`; then `getent hosts <host>` and `nc -vz <host> 5432`.',
      confirmed:
        'The hosts differ (a typo such as `localport`, a placeholder, the whole URL in the host field), the name does not resolve, `nc` cannot reach 5432, or sslmode is missing for a Neon host. `127.0.0.1`/`localhost` in the error while DATABASE_URL names a Neon host means the env never loaded: see env_missing.',
      ruledOut: 'The error names the same host as DATABASE_URL, it resolves, `nc` connects to 5432 and `sslmode=require` is present.',
      fix:
        'Copy the connection string from the Neon console (Connect) into DATABASE_URL, keep `?sslmode=require`, and load .env before the pool is created. If `nc` fails only on this network, allow outbound TCP 5432 in the firewall or VPN, or try another network to confirm.',
      source: 'https://neon.com/docs/connect/connect-from-any-app ; https://neon.com/docs/connect/connection-errors#cant-reach-database-server ; https://node-postgres.com/features/connecting',
      clientVariants: {
        prisma: {
          verify:
            '`npx prisma migrate status` prints `Datasource "db" ... at "<host>:<port>"`: compare it with DATABASE_URL, then `nc -vz <host> 5432`.',
        },
        sqlalchemy: {
          verify:
            '`python -c "from sqlalchemy import make_url; import os; u=make_url(os.environ[\'DATABASE_URL\']); print(u.host, u.port, u.query.get(\'sslmode\'))"`; then `nc -vz <host> 5432`.',
        },
        psycopg2: {
          verify:
            '`python -c "import os,urllib.parse as p; u=p.urlsplit(os.environ[\'DATABASE_URL\']); print(u.hostname, u.port, u.query)"`; then `nc -vz <host> 5432`.',
        },
        pgx: {
          verify: '`go run` a two-line program printing `pgx.ParseConfig(os.Getenv("DATABASE_URL"))` Host and Port; then `nc -vz <host> 5432`.',
        },
      },
    },
    {
      id: 'check_server_running',
      title: 'Check the server is running and listening on that port',
      action:
        'A refused connection to a local or self-hosted server usually means PostgreSQL is stopped, still starting, or listening on another port or address. For Neon, check the status page.',
      verify:
        '`pg_isready -h <host> -p <port>`; local: `systemctl status postgresql` or `docker ps --filter name=<db>`; on the server: `psql -c "show listen_addresses" -c "show port"`. Neon: https://neonstatus.com.',
      confirmed: '`pg_isready` answers `no response`, the service or container is stopped, or the server listens on another port or only on localhost.',
      ruledOut: '`pg_isready` answers `accepting connections` for exactly this host and port.',
      fix:
        'Start the server (`docker compose up -d db`, `systemctl start postgresql`), point the app at the port it really uses, or set `listen_addresses = \'*\'` plus a pg_hba.conf line for remote clients and restart.',
      source: 'https://www.postgresql.org/docs/current/app-pg-isready.html ; https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-LISTEN-ADDRESSES',
      clientVariants: {
        prisma: {
          verify:
            'On Neon, P1001 is often the compute still waking from scale to zero when Prisma gives up: run `psql "$DATABASE_URL" -c "select 1"` twice; if the second is fast, see connect_timeout. Self-hosted: `pg_isready -h <host> -p <port>`.',
        },
      },
    },
    {
      id: 'check_container_network',
      title: 'Check "localhost" means the same machine to the app and the database',
      action:
        'Inside a container, `localhost` is the container itself. The app must use the database service name on the Compose network, and a database in Docker must publish its port for an app on the host.',
      verify:
        '`docker compose exec <app> getent hosts <db-service>` and `docker compose exec <app> nc -vz <db-service> 5432`; for an app on the host: `docker compose port <db-service> 5432`.',
      confirmed: 'The app runs in a container and uses `localhost`/`127.0.0.1`, or the port is not published.',
      ruledOut: 'App and database are not in containers, or the app already uses the service name and `nc` connects.',
      fix:
        'Use the Compose service name as host (`postgresql://app:<password>@db:5432/app`), add `depends_on: db: condition: service_healthy` with a `pg_isready` healthcheck, or publish `5432:5432` for a host app.',
      source: 'https://docs.docker.com/compose/how-tos/networking/ ; https://docs.docker.com/compose/how-tos/startup-order/',
    },
    {
      id: 'check_ip_allow',
      title: 'Check an allow list or security group lets this machine in',
      action:
        'Neon IP Allow (when enabled on the project), a cloud security group or a corporate firewall can drop or refuse connections from addresses it does not list.',
      verify:
        'Your egress address: `curl -s https://checkip.amazonaws.com`; Neon console → Project settings → Network security (IP Allow); for cloud databases, the inbound rules of the security group on 5432.',
      confirmed: 'IP Allow or the inbound rules are on and do not include the egress address (serverless platforms use changing addresses).',
      ruledOut: 'No allow list is configured, or it includes the egress address.',
      fix:
        'Add the egress address or range to IP Allow / the inbound rules, or connect through the platform\'s private networking. Do not open 0.0.0.0/0 to fix it.',
      source: 'https://neon.com/docs/introduction/ip-allow',
    },
    {
      id: 'check_ipv6_only_host',
      title: 'Check the host is not IPv6-only on an IPv4-only network',
      action:
        'Some direct database hosts resolve only to IPv6 addresses; from a network without IPv6 they are unreachable while the provider\'s pooler host works.',
      verify: '`getent ahosts <host>` (or `dig A <host> +short` and `dig AAAA <host> +short`) and `nc -6 -vz <host> 5432`.',
      confirmed: 'The host has only AAAA records and IPv6 connections fail from this network.',
      ruledOut: 'The host has an IPv4 (A) record, or IPv6 works from here.',
      fix: 'Use the provider\'s IPv4-capable pooler host (rphlmr/supa-fly-stack#88 was fixed by switching to the pooler host), or enable IPv6 on the network.',
      source: 'https://supabase.com/docs/guides/database/connecting-to-postgres ; rphlmr/supa-fly-stack#88',
    },
  ],
  collectNext: [
    'The exact error text, including the host, address and port it names (e.g. `ECONNREFUSED 127.0.0.1:5432`).',
    'The connection string with the password removed: `printenv DATABASE_URL | sed -E \'s#(://[^:/@]*:)[^@]*@#\\1****@#\'`.',
    'Output of `getent hosts <host>`, `nc -vz <host> 5432` and `pg_isready -h <host> -p <port>` from the machine the app runs on.',
    'Where the app runs (local, Docker, CI, a serverless platform) and whether psql connects from there.',
    'Client library and version.',
  ],
};
