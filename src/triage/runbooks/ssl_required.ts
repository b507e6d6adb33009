// ssl_required: the server refused a connection without TLS (Neon: `connection
// is insecure (try using sslmode=require)`; self-hosted: `no pg_hba.conf entry
// ... no encryption`; some proxies just close: real-errors b029). The first
// check reads sslmode from the URL the app really uses, which also tells it
// apart from auth_failed: Neon reports both errors together when TLS is off.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'ssl_required',
  steps: [
    {
      id: 'add_sslmode_require',
      title: 'Check the connection string asks for TLS',
      action: 'Neon rejects every connection without TLS. The URL the app loads must carry `sslmode=require` (or stronger), and the client must read it.',
      verify:
        'From the app\'s directory, with its env loaded (add `-r dotenv/config` after `node` if the app uses dotenv): `node -e "const u=new URL(process.env.DATABASE_URL); console.log(u.hostname, u.searchParams.get(\'sslmode\'), u.searchParams.get(\'ssl\'))"`.',
      confirmed: 'sslmode is missing, `disable`, or `allow`/`prefer` with a client that then does not try TLS.',
      ruledOut: '`sslmode=require`, `verify-ca` or `verify-full` is present and the client honours it (next check).',
      fix: 'Append `?sslmode=require` (Neon\'s console string adds `&channel_binding=require`; use `sslmode=verify-full` to also check the certificate).',
      source: 'https://neon.com/docs/connect/connect-securely ; https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-SSLMODE-STATEMENTS',
      clientVariants: {
        'postgres-js': { fix: 'postgres.js: pass `ssl: \'require\'` in the options (`postgres(url, { ssl: \'require\' })`).' },
        'neon-serverless': { fix: 'The Neon serverless driver always uses TLS; if this error appears, the app is not using it for this connection (check which client opened it).' },
        sqlalchemy: { fix: 'psycopg: `?sslmode=require`. With `postgresql+asyncpg://`, use `?ssl=require` (asyncpg takes `ssl`, not `sslmode`).' },
        asyncpg: { fix: '`asyncpg.connect(dsn, ssl=\'require\')` or `?sslmode=require` in the DSN.' },
        django: { fix: '`DATABASES[\'default\'][\'OPTIONS\'] = {\'sslmode\': \'require\'}` (dj-database-url: `ssl_require=True`).' },
        jdbc: { fix: 'Add `sslmode=require` to the JDBC URL (`jdbc:postgresql://<host>/<db>?sslmode=require`).' },
      },
    },
    {
      id: 'check_config_overrides_url',
      title: 'Check the app\'s config does not switch TLS off',
      action: 'ORM or driver options set next to the URL can override it: `ssl: false`, a config built from host/user fields that drops the query string, or a framework default.',
      verify: '`grep -rnE "ssl(mode)?[\\"\' ]*[:=]" src config *.config.* settings*.py` and read the options passed with the URL.',
      confirmed: 'An option sets ssl off, or the connection is built from separate fields without any ssl setting.',
      ruledOut: 'Nothing next to the URL touches TLS.',
      fix: 'Remove the override, or set TLS explicitly where the config is built.',
      source: 'https://node-postgres.com/features/ssl ; https://typeorm.io/docs/data-source/data-source-options/#postgres--cockroachdb-data-source-options',
      clientVariants: {
        'node-postgres': { fix: 'Either keep `sslmode=require` in connectionString, or pass `ssl: true` (or a `{ ca }` object) when building the config from fields.' },
        typeorm: { fix: 'With `host`/`username` fields set `ssl: true` (or `extra: { ssl: true }`); with `url`, keep `sslmode=require` in it.' },
        prisma: { fix: 'Keep `sslmode=require` in DATABASE_URL and in `directUrl`.' },
      },
    },
    {
      id: 'check_pgsslmode_env',
      title: 'Check PGSSLMODE or a service file does not override it',
      action: 'libpq-based clients (and node-postgres) read PGSSLMODE from the environment when the URL has no sslmode; a leftover `PGSSLMODE=disable` from local work turns TLS off.',
      verify: '`env | grep -E \'^PG(SSL|SERVICE)\'`; `cat ~/.pg_service.conf 2>/dev/null | grep -i ssl`.',
      confirmed: '`PGSSLMODE=disable` (or `allow`) is set where the app runs.',
      ruledOut: 'No PGSSL* variables or service file entries.',
      fix: 'Unset it for this app, or put `sslmode=require` in the URL, which wins over the environment.',
      source: 'https://www.postgresql.org/docs/current/libpq-envars.html',
    },
    {
      id: 'check_pg_hba_hostssl',
      title: 'Self-hosted: read which pg_hba.conf lines demand TLS',
      action: '`no pg_hba.conf entry for host ..., no encryption` means only `hostssl` lines match this client: the server requires TLS from this address.',
      verify: 'As a superuser: `select line_number, type, database, user_name, address, auth_method from pg_hba_file_rules;`',
      confirmed: 'Only `hostssl` lines match the client address, user and database.',
      ruledOut: 'A `host` line matches this client, or this is a managed service (Neon always requires TLS).',
      fix: 'Connect with `sslmode=require` (preferred). Only for a trusted private network, add a `host` line for that range and `select pg_reload_conf();`.',
      source: 'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html ; https://www.postgresql.org/docs/current/view-pg-hba-file-rules.html',
    },
    {
      id: 'check_client_tls_support',
      title: 'Check the client was built with TLS support',
      action: 'A libpq or driver built without OpenSSL cannot do TLS at all and reports `sslmode value "require" invalid when SSL support is not compiled in`.',
      verify: '`psql "$DATABASE_URL" -c "select ssl from pg_stat_ssl where pid = pg_backend_pid()"` from the same machine and image; Python: `python -c "import ssl; print(ssl.OPENSSL_VERSION)"`.',
      confirmed: 'The client reports TLS is not compiled in, or the image lacks OpenSSL.',
      ruledOut: 'psql from the same image connects with `ssl = t`.',
      fix: 'Install a build with TLS (e.g. `psycopg2-binary`, the distribution\'s libpq5 with OpenSSL, a full rather than minimal image).',
      source: 'https://www.postgresql.org/docs/current/libpq-ssl.html',
    },
  ],
  collectNext: [
    'The exact error text, and whether it appears on connect or later.',
    'The connection string with the password removed: `printenv DATABASE_URL | sed -E \'s#(://[^:/@]*:)[^@]*@#\\1****@#\'`.',
    'The client, ORM and version, and the TLS-related options passed next to the URL.',
    'Whether `psql "$DATABASE_URL"` connects from the same machine.',
  ],
};
