// url_malformed: the connection string itself is broken (`Invalid URL`,
// ERR_INVALID_URL, `invalid connection option`, `invalid port number`,
// `missing "=" after`, Prisma P1013, SQLAlchemy `Can't load plugin`). The first
// check parses it the way a client would and shows each part without the
// password, which also catches a template never filled in (real-errors a198:
// a placeholder URL, the env_missing runner-up).
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'url_malformed',
  steps: [
    {
      id: 'parse_connection_string',
      title: 'Parse the connection string and look at each part',
      action: 'Parse the URL the app loads and compare scheme, user, host, port, database and parameters with the Neon console\'s string. Placeholders such as `[HOST]` or `<password>` mean a template was never filled in.',
      verify:
        '`printenv DATABASE_URL | npx pgtriage parse -` (prints the parts with the password redacted), or `node -e "try { const u=new URL(process.env.DATABASE_URL); console.log(u.protocol, u.username, u.hostname, u.port, u.pathname, [...u.searchParams.keys()]) } catch (e) { console.log(e.code) }"`.',
      confirmed: 'Parsing fails, or a part is wrong: a placeholder, an empty host, a port that is not a number, a host holding part of the password.',
      ruledOut: 'Every part parses and matches the console\'s string.',
      fix: 'Copy the string again from Neon console → Connect and replace the whole value; fill every placeholder.',
      source: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS ; https://neon.com/docs/connect/connect-from-any-app',
    },
    {
      id: 'encode_special_characters',
      title: 'Percent-encode special characters in user and password',
      action: '`@ : / ? # % &` inside the user or password break the URL: `invalid port number` when a `:` follows, a wrong host after an extra `@`.',
      verify: '`printenv DATABASE_URL | tr -cd \'@\' | wc -c` (more than 1 means an unencoded `@`); `node -e "console.log(new URL(process.env.DATABASE_URL).hostname)"` shows where the host really starts.',
      confirmed: 'More than one `@`, or the parsed host/port is a piece of the password.',
      ruledOut: 'User and password contain only letters, digits and `-._~`, or are already encoded.',
      fix: 'Encode them once with `encodeURIComponent` (Python `urllib.parse.quote(pw, safe="")`), or pass user and password as separate settings.',
      source: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1 ; https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
    },
    {
      id: 'check_scheme',
      title: 'Check the scheme is one this client accepts',
      action: 'Each client accepts its own schemes: libpq and pg take `postgres://` or `postgresql://`; SQLAlchemy 1.4+ refuses `postgres://` and takes `postgresql+<driver>://`; JDBC needs `jdbc:postgresql://`.',
      verify: '`printenv DATABASE_URL | cut -d: -f1`',
      confirmed: 'The scheme is misspelt (`posgresql`, `postgress`) or of the wrong form for the client.',
      ruledOut: 'The scheme is one the client documents.',
      fix: 'Use the client\'s scheme (see the variant); when a platform gives `postgres://`, rewrite it at load time.',
      source: 'https://docs.sqlalchemy.org/en/20/core/engines.html#postgresql ; https://jdbc.postgresql.org/documentation/use/#connecting-to-the-database',
      clientVariants: {
        sqlalchemy: { fix: '`postgresql+psycopg2://`, `postgresql+psycopg://` or `postgresql+asyncpg://`; for a platform `postgres://` URL: `url.replace("postgres://", "postgresql+psycopg://", 1)`.' },
        jdbc: { fix: '`jdbc:postgresql://<host>:5432/<db>?sslmode=require` with user and password as properties, not `user:password@` in the URL.' },
        prisma: { fix: 'Prisma needs `postgresql://` or `postgres://` (P1013 otherwise); extra parameters must be ones Prisma documents.' },
      },
    },
    {
      id: 'check_unknown_parameters',
      title: 'Check every parameter is known to this client',
      action: 'A parameter one client understands can break another: `channel_binding` on libpq before 13, `pgbouncer=true` or `schema=` (Prisma-only) passed to libpq, `ssl=true` to libpq, `sslmode` to asyncpg via SQLAlchemy.',
      verify: '`node -e "console.log([...new URL(process.env.DATABASE_URL).searchParams.keys()])"`; libpq version: `python -c "import psycopg2; print(psycopg2.__libpq_version__)"` or `pg_config --version`.',
      confirmed: 'The error names a parameter (`invalid connection option "x"`, `unexpected keyword argument \'x\'`) that this client does not document.',
      ruledOut: 'All parameters are documented for this client and version.',
      fix: 'Remove the parameter for this client or translate it (asyncpg `ssl=require`), or upgrade libpq (13+ knows channel_binding; psycopg2-binary bundles a recent libpq).',
      source: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS ; https://github.com/dalibo/temboard/issues/1019',
    },
    {
      id: 'check_quotes_and_whitespace',
      title: 'Check the value has no quotes, brackets or stray whitespace',
      action: 'Copying from docs or Windows editors can leave quotes, backticks, `<...>` brackets, a trailing space or `\\r` inside the value.',
      verify: '`node -e "const s=process.env.DATABASE_URL; console.log(JSON.stringify({first: s[0], last: s.slice(-1), length: s.length, whitespace: /\\s/.test(s)}))"`',
      confirmed: 'The first or last character is a quote, bracket or backtick, or whitespace is present.',
      ruledOut: 'The value starts with the scheme, ends with the database or a parameter, and has no whitespace.',
      fix: 'Rewrite the .env line as `DATABASE_URL=postgresql://...` (quotes only around the whole value), save with LF line endings, and restart.',
      source: 'https://github.com/motdotla/dotenv#what-rules-does-the-parsing-engine-follow',
    },
  ],
  collectNext: [
    'The exact error text (a parser error may echo the URL: remove the password first).',
    'The output of `printenv DATABASE_URL | npx pgtriage parse -` (password redacted).',
    'Client, ORM and libpq versions.',
    'Where the value is defined (.env, platform, Compose) and how it was copied there.',
  ],
};
