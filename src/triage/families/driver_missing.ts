// The database driver package is not installed (lesson row 3), or its native
// library (libpq) is missing or too old for the server's authentication.
import { runbook } from '../runbooks/driver_missing.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'driver_missing',
    title: 'Driver not installed',
    summary: 'The PostgreSQL driver the code (or its ORM) loads is not installed in the environment that runs it.',
  },
  patterns: [
    {
      id: 'python-no-module',
      kind: 'wording',
      // psycopg 3's C and binary implementations are modules of their own (psycopg_c, psycopg_binary).
      // A forum or chat editor turns the quotes typographic (‘psycopg2’): the words are still CPython's.
      pattern: /No module named ['"‘’“”]?(?:psycopg2cffi|psycopg2|psycopg_c|psycopg_binary|psycopg|asyncpg|pg8000)\b/,
      weight: 0.97,
      clients: ['psycopg2', 'psycopg3', 'asyncpg', 'sqlalchemy', 'django'],
      source: 'CPython ModuleNotFoundError (Kinto/kinto#2679, psycopg/psycopg2#1282); with typographic quotes from the paste (home-assistant/core#33619)',
    },
    {
      // The user's own words rather than the client's: weaker than any client wording.
      id: 'user-missing-driver-module',
      kind: 'wording',
      pattern: /\bmissing (?:the )?['"`]?(?:psycopg2|psycopg|asyncpg|pg8000|pg-native)['"`]? (?:module|package|driver)\b/i,
      weight: 0.6,
      clients: ['psycopg2', 'psycopg3', 'asyncpg', 'node-postgres'],
      source: 'user wording around a missing driver in a container image (pgadmin-org/pgadmin4#7981)',
    },
    {
      id: 'django-error-loading',
      kind: 'wording',
      pattern: /Error loading psycopg2? (?:or psycopg )?module/i,
      weight: 0.97,
      clients: ['django'],
      source: 'django/db/backends/postgresql/base.py ImproperlyConfigured',
    },
    {
      id: 'psycopg-no-pq-wrapper',
      kind: 'wording',
      pattern: /no pq wrapper available|couldn't import psycopg '(?:c|binary|python)' implementation|DLL load failed while importing _psycopg|pg_config executable not found|Call to 'which pg_config\b/i,
      weight: 0.93,
      clients: ['psycopg3', 'psycopg2'],
      source: 'psycopg/psycopg psycopg/pq/__init__.py "no pq wrapper available" and its per-implementation lines "couldn\'t import psycopg \'c\' implementation: No module named \'psycopg_c\'" (ava-orange-education/Ultimate-Django-for-Web-App-Development-Using-Python#1); psycopg2 setup.py "pg_config executable not found"; node-libpq binding.gyp "Call to \'which pg_config ...\' returned exit status 1" (ralphtheninja/pgdown#3)',
    },
    {
      // Tools that wrap the require() in their own message (simov/express-admin#148: "Could not find `pg` or `pg.js` module").
      id: 'could-not-find-pg-module',
      kind: 'wording',
      pattern: /\bCould not find ['"`]?(?:pg|pg\.js|pg-native|pg-hstore)['"`]?(?: or ['"`]?(?:pg|pg\.js|pg-native)['"`]?)? module\b/i,
      weight: 0.9,
      clients: ['node-postgres'],
      source: 'express-admin / knex-era loaders that catch MODULE_NOT_FOUND and say "Could not find `pg` or `pg.js` module" (simov/express-admin#148)',
    },
    {
      id: 'node-cannot-find-module',
      kind: 'wording',
      pattern: /(?:Cannot|can't|can not) find (?:module|package) ['"]?(?:pg|pg-native|postgres|pg-hstore|@neondatabase\/serverless|@vercel\/postgres|@prisma\/client)(?:\/[^'"\s]{1,80})?(?:['"]|(?![\w\/.-]))|Can't resolve ['"]pg-native['"]|Could not resolve "pg-native"|Cannot find module ['"][^'"\n]{0,200}\/pg\/lib\/native\/[^'"\n]{0,80}['"]/i,
      weight: 0.95,
      clients: ['node-postgres', 'typeorm', 'sequelize', 'knex', 'drizzle', 'prisma'],
      source: 'Node.js MODULE_NOT_FOUND / ERR_MODULE_NOT_FOUND; webpack "Can\'t resolve \'pg-native\'" and esbuild\'s "Could not resolve \"pg-native\"" (MatteoGioioso/serverless-pg#70, a Netlify Functions bundle); pg.native binding not built (brianc/node-postgres#231); as users retype it (brianc/node-postgres#2098)',
    },
    {
      // Prisma Client bundled for an edge runtime (Cloudflare Workers, Vercel Edge) with neither a driver adapter nor
      // Accelerate: the adapter (@prisma/adapter-pg, @prisma/adapter-neon) is the driver it needs there.
      id: 'prisma-edge-without-adapter',
      kind: 'wording',
      pattern: /PrismaClient is not configured to run in [^.\n]{1,60}\. In order to run Prisma Client on edge runtime|PrismaClient failed to initialize because it wasn't configured to run in this environment/,
      weight: 0.9,
      clients: ['prisma'],
      source: 'prisma/prisma client runtime for edge ("PrismaClient is not configured to run in ${runtime.prettyName}. In order to run Prisma Client on edge runtime, either: ...", prisma/orm#25248); its 5.x initialization wording (prisma/orm#23644)',
    },
    {
      id: 'typeorm-package-not-installed',
      kind: 'client-code',
      pattern: /DriverPackageNotInstalledError|Postgres package has not been found installed/,
      weight: 0.98,
      clients: ['typeorm'],
      source: 'typeorm/typeorm src/error/DriverPackageNotInstalledError.ts (ory/polis#1235)',
    },
    {
      id: 'please-install-package',
      kind: 'wording',
      pattern: /Please install (?:either )?['"`]?(?:pg|pg-native|pg-hstore|postgres|@neondatabase\/serverless|@vercel\/postgres)['"`]?(?:,| package\b| module\b| or\b)/i,
      weight: 0.95,
      clients: ['sequelize', 'drizzle'],
      source: 'sequelize lib/dialects/postgres/connection-manager.js "Please install pg package manually" (sequelize/sequelize#3302), sequelize 3.x "Please install \'pg\' module manually" (sequelize/sequelize-auto#109); drizzle-kit',
    },
    {
      // Users retell the sequelize message without its "Please" and quotes (sequelize/sequelize-auto#663).
      id: 'install-package-manually',
      kind: 'wording',
      pattern: /\binstall ['"`]?(?:pg|pg-native|pg-hstore|postgres)['"`]? (?:module|package) manually\b/i,
      weight: 0.9,
      clients: ['sequelize'],
      source: 'sequelize "Please install \'pg\' module manually" as shortened in issue titles (sequelize/sequelize-auto#663)',
    },
    {
      id: 'ruby-pg-gem-missing',
      kind: 'wording',
      pattern: /Error loading the 'postgresql' Active Record adapter|cannot load such file -- pg\b|pg is not part of the bundle|Please install the postgresql adapter/,
      weight: 0.95,
      clients: ['ruby-pg'],
      source: 'rails activerecord connection_adapters.rb resolve adapter; RubyGems LoadError',
    },
    {
      // Rails 4.2-5.x: the postgresql adapter is configured but the pg gem did not load (missing, or a version
      // ActiveRecord does not accept, e.g. pg 1.0 under Rails 5.1).
      id: 'rails-adapter-gem-not-loaded',
      kind: 'wording',
      pattern: /Specified 'postgresql' for database adapter, but the gem is not loaded/,
      weight: 0.95,
      clients: ['rails'],
      source: "rails activerecord connection_specification.rb: Specified '#{spec[:adapter]}' for database adapter, but the gem is not loaded. Add `gem '#{gem_name}'` to your Gemfile (rails/rails#31678)",
    },
    {
      // PHP's extension loader: pdo_pgsql or pgsql is enabled in php.ini but its shared object is not installed.
      id: 'php-extension-not-loadable',
      kind: 'wording',
      pattern: /Unable to load dynamic library '(?:php_)?(?:pdo_)?pgsql(?:\.so|\.dll)?'/,
      weight: 0.9,
      clients: ['php'],
      source: "php-src ext/standard/dl.c php_load_extension: \"Unable to load dynamic library '%s' (tried: %s)\" (deck-app/laravel#6)",
    },
    {
      // Quarkus (Agroal) found no JDBC driver extension for a PostgreSQL datasource.
      id: 'quarkus-no-jdbc-driver',
      kind: 'wording',
      pattern: /Unable to find a JDBC driver corresponding to the database kind '(?:postgresql|pgsql|pg|postgres)'/,
      weight: 0.9,
      clients: ['jdbc'],
      source: "quarkusio/quarkus extensions/agroal deployment: ConfigurationException \"Unable to find a JDBC driver corresponding to the database kind '%s' for the %s\" (quarkusio/quarkus#42180)",
    },
    {
      id: 'go-unknown-driver',
      kind: 'wording',
      pattern: /sql: unknown driver "(?:postgres|pgx|postgresql)"|unknown driver "?(?:postgres|pgx|postgresql)"? \(forgotten import\?\)/,
      weight: 0.95,
      clients: ['go'],
      source: 'Go database/sql sql.Open: unknown driver %q (forgotten import?); golang-migrate prints the name unquoted: "database driver: unknown driver postgres (forgotten import?)" (lib/pq#1024)',
    },
    {
      id: 'jdbc-driver-class',
      kind: 'wording',
      pattern: /ClassNotFoundException:\s*org\.postgresql\.Driver|No suitable driver found for jdbc:postgresql/,
      weight: 0.95,
      clients: ['jdbc'],
      source: 'java.sql.DriverManager "No suitable driver found for"; ClassNotFoundException',
    },
    {
      id: 'libpq-not-loadable',
      kind: 'wording',
      pattern: /libpq\.so(?:\.\d{1,2})?: cannot open shared object file|Library not loaded:[^\n]{0,160}libpq|libpq\.dll/,
      weight: 0.85,
      clients: ['psycopg2', 'psycopg3', 'ruby-pg', 'libpq'],
      source: 'ld.so / dyld errors loading libpq for psycopg2 and ruby-pg',
    },
    {
      id: 'libpq-too-old',
      kind: 'wording',
      // pgjdbc translates its message with the JVM locale (org/postgresql/translation/messages_*.java); the words
      // before any accented letter are matched, so a console's mojibake ("unterst³tzt") still reads.
      pattern: /SCRAM authentication requires libpq version 10 or above|The authentication type 10 is not supported|unknown authentication response: 10\b|Authentifizierungstyp 10 wird nicht unterst|type d'authentification 10 n'est pas support|autenticazione di tipo 10 non |tipo de autentica\S{1,6} 10 n\S{1,4}o \S{1,2} suportado|Uwierzytelnienie typu 10 nie jest obs|Тип аутентификации 10 не поддерживается|認証タイプ 10 はサポートされません|不支援 10 (?:验证类型|驗證型別)|unsupported authentication request '[^'\n]{1,20}'\(10\)|Unknown auth message code 10\b|Database server expected scram-sha-256 authentication, which is not supported at the moment/,
      weight: 0.75,
      clients: ['libpq', 'psycopg2', 'jdbc', 'python'],
      source: 'libpq fe-auth.c (pre-10 libpq); pgjdbc before 42.2.0 (ConnectionFactoryImpl "The authentication type {0} is not supported", and its de/fr/it/pt_BR/pl/ru/ja/zh translations) and lib/pq before 1.10 (no SCRAM); thingsboard/thingsboard#3788; py-postgresql postgresql/protocol/client3.py "unsupported authentication request %r(%d)" for request 10, SASL (python-postgres/fe#108); deno-postgres releases without SCRAM, connection.ts handleAuth: "Unknown auth message code ${code}" for 10 in the oldest, then "Database server expected scram-sha-256 authentication, which is not supported at the moment" (denoland/deno#8417)',
    },
    {
      // Caqti picks the driver library from the URI scheme (postgresql:// -> caqti-driver-postgresql) and, when it is
      // neither linked in nor loadable through caqti-dynload, says so.
      id: 'caqti-driver-not-linked',
      kind: 'wording',
      pattern: /Neither caqti-driver-[\w-]{1,40} nor the dynamic linker is linked into the application/,
      weight: 0.85,
      clients: ['any'],
      source: 'paurkedal/ocaml-caqti caqti/lib/caqti_connect.ml dynload_library: "Neither %s nor the dynamic linker is linked into the application." (paurkedal/ocaml-caqti#106)',
    },
    {
      // The engine library is there but the OS cannot load it (musl without libssl 1.1, a Windows x64 DLL on ARM64):
      // the Prisma client says so before any connection (prisma/prisma packages/client runtime, the library
      // loader's "Unable to require(`...`)" and "The Prisma engines do not seem to be compatible with your system",
      // pris.ly/d/system-requirements). Reinstalling for the right binaryTarget is the driver fix.
      id: 'prisma-engine-not-loadable',
      kind: 'wording',
      pattern: /Unable to require\(`[^`\n]{0,300}query_engine[^`\n]{0,80}`\)|The Prisma engines (?:do not seem to be|are not) compatible with your system/,
      weight: 0.88,
      clients: ['prisma'],
      source: 'prisma/prisma client runtime library loader: "Unable to require(`<libquery_engine path>`). The Prisma engines do not seem to be compatible with your system. ... Details: Error loading shared library libssl.so.1.1" (umami-software/umami#3115)',
    },
    {
      // The Prisma CLI downloads the engines for the platform it runs on (install, generate, migrate): a 404 means
      // no engine is built for that platform (armv7), a 403 a network that blocks binaries.prisma.sh. Either way the
      // engine the client needs to talk to the database is not installed.
      id: 'prisma-engine-download-failed',
      kind: 'wording',
      pattern: /Failed to fetch the engine file at \S{1,400} - \d{3}\b/,
      weight: 0.85,
      clients: ['prisma'],
      source: 'prisma/prisma packages/fetch-engine: "Failed to fetch the engine file at <url> - <status> <statusText>" (ghostfolio/ghostfolio#4832: 404 on linux-arm; 403 in public setup notes found with find_string)',
    },
    {
      // Flyway 10 split each database's support out of flyway-core: with a jdbc:postgresql: URL and no
      // flyway-database-postgresql module on the classpath, no registered database type claims the URL
      // (org.flywaydb.core.internal.database.DatabaseTypeRegister "No database found to handle " + url).
      // Without the jdbc: prefix the URL is at fault instead (url_malformed/flyway-url-without-jdbc).
      id: 'flyway-database-module-missing',
      kind: 'wording',
      pattern: /No database found to handle jdbc:postgresql:/,
      weight: 0.85,
      clients: ['jdbc'],
      source: 'flyway/flyway DatabaseTypeRegister.getDatabaseTypeForUrl: "No database found to handle " + url; Flyway 10 moved PostgreSQL support to flyway-database-postgresql (public setup notes found with find_string)',
    },
    {
      id: 'prisma-client-not-generated',
      kind: 'wording',
      pattern: /@prisma\/client did not initialize yet|Prisma Client could not locate the Query Engine/,
      weight: 0.8,
      clients: ['prisma'],
      source: 'Prisma client runtime: run `prisma generate`; binaryTargets for the query engine',
    },
    {
      id: 'php-pdo-driver',
      kind: 'wording',
      pattern: /could not find driver/,
      weight: 0.9,
      clients: ['any'],
      source: 'PHP PDOException "could not find driver" when the pdo_pgsql extension is not installed (Laravel)',
    },
    {
      // The connection asks for TLS (sslmode=require, a hosted database) and the client was built or set up
      // without any TLS implementation: sqlx compiled without a tls-* feature, tokio-postgres handed NoTls.
      // Like a missing driver, the fix is in the client's dependencies, not the server or the URL.
      id: 'client-built-without-tls',
      kind: 'wording',
      pattern: /SQLx was built without TLS support enabled|no TLS implementation configured|\bNoTlsError\b/,
      weight: 0.85,
      clients: ['sqlx', 'tokio-postgres', 'diesel'],
      source: 'launchbadge/sqlx sqlx-core/src/net/tls/mod.rs error_if_unavailable "TLS upgrade required by connect options but SQLx was built without TLS support enabled" (PostHog/posthog#46138); sfackler/rust-postgres tokio-postgres/src/tls.rs NoTlsError Display "no TLS implementation configured" (palfrey/wait-for-db#50)',
      // libpq's twin ("... invalid when SSL support is not compiled in") is ssl_unsupported/client-without-ssl.
      alternatives: [{ family: 'ssl_unsupported', weight: 0.35 }],
    },
    {
      id: 'driver-build-failed',
      kind: 'wording',
      pattern: /libpq-fe\.h: No such file or directory|Can't find the 'libpq-fe\.h header|Failed building wheel for psycopg2|An error occurred while installing pg \(/,
      weight: 0.88,
      clients: ['psycopg2', 'ruby-pg'],
      source: 'pip building psycopg2 from source without libpq headers; Bundler building the pg gem',
    },
  ],
  runbook,
};
