// ssl_verify_failed: the client could not verify the server certificate
// (`self-signed certificate in certificate chain`, `unable to verify the first
// certificate`, `unable to get local issuer certificate`, `certificate verify
// failed`, host name mismatch). The first check looks at who issued the
// certificate the client actually received, which decides every later fix.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'ssl_verify_failed',
  steps: [
    {
      id: 'identify_server_ca',
      title: 'See which CA issued the server certificate',
      action:
        'Read the certificate chain the server presents. Neon uses a publicly trusted CA, so the system store verifies it; managed services like RDS, DigitalOcean or Azure use their own CA, which the client must be given.',
      verify: '`openssl s_client -starttls postgres -connect <host>:5432 -servername <host> -showcerts </dev/null 2>/dev/null | grep -E "^ *[0-9] s:|i:"` (OpenSSL 1.1.1+).',
      confirmed: 'The issuer is a provider or private CA (or the server certificate is self-signed) that the client\'s trust store does not hold.',
      ruledOut: 'The chain ends at a public root the system trusts (then see the later checks).',
      fix:
        'Give the client the provider\'s CA bundle (libpq `sslrootcert=/path/ca.pem` with `sslmode=verify-full`). For Neon, `sslrootcert=system` (libpq 16+) uses the system store. Do not switch verification off as the fix.',
      source: 'https://neon.com/docs/connect/connect-securely ; https://www.postgresql.org/docs/current/libpq-ssl.html#LIBQ-SSL-CERTIFICATES',
      clientVariants: {
        'node-postgres': { fix: '`new Pool({ connectionString, ssl: { ca: fs.readFileSync(\'ca.pem\', \'utf8\') } })`, with no sslmode in the URL (it would replace the ssl object), or `NODE_EXTRA_CA_CERTS=/path/ca.pem`.' },
        typeorm: { fix: '`ssl: { ca: fs.readFileSync(\'ca.pem\', \'utf8\') }` and remove sslmode from `url` (typeorm#9761: the URL\'s sslmode replaces the CA).' },
        prisma: { fix: '`?sslmode=require&sslcert=./ca.pem` (path relative to schema.prisma); Prisma verifies against that CA.' },
        asyncpg: { fix: 'Build an `ssl.create_default_context(cafile=\'ca.pem\')` and pass it as `ssl=`.' },
        jdbc: { fix: '`sslmode=verify-full&sslrootcert=/path/ca.pem` in the JDBC URL.' },
      },
    },
    {
      id: 'check_sslmode_meaning',
      title: 'Check what sslmode=require means to this client',
      action:
        'Clients differ: libpq\'s `require` encrypts without checking the certificate (unless a root certificate file exists, then it verifies the CA); node-postgres (pg-connection-string 2.7+) treats `require` as `verify-full`; pgJDBC\'s `ssl=true` verifies too. The same URL can pass in psql and fail in the app.',
      verify: 'Compare the client and version with `psql "$DATABASE_URL" -c "select 1"` from the same machine; look for pg\'s `SECURITY WARNING: The SSL modes \'prefer\', \'require\', and \'verify-ca\' are treated as aliases for \'verify-full\'` in the app\'s log.',
      confirmed: 'psql connects with the same URL while the app\'s client verifies and fails.',
      ruledOut: 'psql fails the same way, or the client\'s sslmode means the same as libpq\'s.',
      fix:
        'Prefer giving the client the CA (first check) and keep verification. If this provider\'s certificate cannot be verified and encryption alone is accepted, say so explicitly for this client (see the variant), never by turning TLS off.',
      source: 'https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-SSLMODE-STATEMENTS ; https://github.com/brianc/node-postgres/tree/master/packages/pg-connection-string ; https://jdbc.postgresql.org/documentation/ssl/',
      clientVariants: {
        'node-postgres': { fix: 'Add `uselibpqcompat=true` next to `sslmode=require` to get libpq\'s meaning (encrypt, no certificate check), or keep `verify-full` and pass the CA.' },
        typeorm: { fix: 'Put `uselibpqcompat=true&sslmode=require` in `url` (parsed by pg), or pass `ssl: { ca }` without sslmode in the URL.' },
        jdbc: { fix: 'Use `sslmode=require` (no certificate check) instead of `ssl=true`, or `sslmode=verify-full&sslrootcert=/path/ca.pem`.' },
      },
    },
    {
      id: 'check_url_overrides_ca',
      title: 'Check the URL\'s sslmode does not replace the CA you configured',
      action: 'In node-postgres (and TypeORM, which uses it) ssl settings parsed from the connection string replace the `ssl` object passed next to it, so a configured `ca` is silently dropped.',
      verify: 'Does the code pass both a connection string containing `sslmode=` and an `ssl: { ca }` object? `grep -rn "ssl" src | grep -v node_modules` next to the redacted DATABASE_URL.',
      confirmed: 'Both are set: the CA object is ignored and verification falls back to the system store.',
      ruledOut: 'Only one of them sets TLS.',
      fix: 'Remove sslmode from the URL and keep the `ssl` object, or put the CA in the URL as `sslrootcert=/path/ca.pem`.',
      source: 'https://github.com/brianc/node-postgres-docs/pull/130 ; https://github.com/typeorm/typeorm/issues/9761',
    },
    {
      id: 'check_intercepting_proxy',
      title: 'Check nothing on the network replaces the certificate',
      action: 'Corporate TLS inspection, antivirus or a VPN can re-sign traffic with their own root, which the client does not trust.',
      verify: 'The issuer from the first check names your company, a security product or a VPN instead of the provider\'s CA; compare from another network.',
      confirmed: 'The issuer differs by network and names the inspecting product.',
      ruledOut: 'The same provider chain appears on every network.',
      fix: 'Ask for 5432 to the database host to be excluded from inspection, or trust the corporate root explicitly (`NODE_EXTRA_CA_CERTS`, `sslrootcert`).',
      source: 'https://nodejs.org/api/cli.html#node_extra_ca_certsfile',
    },
    {
      id: 'check_host_name_matches',
      title: 'Check the host name you connect to is in the certificate',
      action: 'With verify-full the name in the URL must match the certificate; connecting by IP address, an alias or `localhost` through a tunnel fails (`server certificate for "x" does not match host name "y"`).',
      verify: '`openssl s_client -starttls postgres -connect <host>:5432 -servername <host> </dev/null 2>/dev/null | openssl x509 -noout -subject -ext subjectAltName`.',
      confirmed: 'The host in the URL is not among the certificate\'s names.',
      ruledOut: 'The host in the URL matches a name in the certificate.',
      fix: 'Connect by the certificate\'s name (through a tunnel, map that name to 127.0.0.1 in /etc/hosts), or use `sslmode=verify-ca` where the name cannot match.',
      source: 'https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION',
    },
    {
      id: 'check_trust_store_current',
      title: 'Check the machine\'s trust store exists and is current',
      action: 'Slim container images and old systems may lack CA certificates or recent roots, so even a public CA like Neon\'s fails to verify.',
      verify: '`ls /etc/ssl/certs | wc -l` and `ls /etc/ssl/certs | grep -i isrg` inside the app\'s image.',
      confirmed: 'No or very few certificates, or the image has no `ca-certificates` package.',
      ruledOut: 'A current ca-certificates bundle is installed.',
      fix: '`apt-get install -y ca-certificates` (Debian/Ubuntu) or `apk add ca-certificates` (Alpine) in the image, then rebuild.',
      source: 'https://neon.com/docs/connect/connect-securely',
    },
  ],
  collectNext: [
    'The exact error text and the sslmode / ssl options in use (connection string without its password).',
    'The issuer and subject lines from `openssl s_client -starttls postgres -connect <host>:5432 -servername <host>`.',
    'The provider (Neon, RDS, DigitalOcean, self-hosted) and where the CA file comes from.',
    'Client, driver and OpenSSL versions; the base image if it runs in a container.',
  ],
};
