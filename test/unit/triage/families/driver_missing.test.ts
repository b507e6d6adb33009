import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('driver_missing', {
  valid: corpusCases('driver_missing'),
  invalid: [
    {
      title: "esbuild failing on a Node built-in, not a driver package (batch 33)",
      text: "\u2718 [ERROR] Could not resolve \"os\"\n\n    node_modules/postgres/src/index.js:1:15:\n      1 \u2502 import os from 'os'",
      source: "esbuild bundling postgres.js for an edge runtime (porsager/postgres#631), near its \"Could not resolve \\\"pg-native\\\"\" (MatteoGioioso/serverless-pg#70)",
    },
    {
      title: "Prisma Client bundled for the browser (not an edge runtime without an adapter, batch 33)",
      text: "PrismaClient is unable to run in this browser environment, or has been bundled for the browser (running in `unknown`).",
      source: "prisma/prisma client runtime for the browser, beside its edge-runtime wording (prisma/orm#25248)",
    },
    {
      title: "a missing module that is not a PostgreSQL driver, in typographic quotes (batch 26)",
      text: "ModuleNotFoundError: No module named ‘pgvector’",
      source: "CPython ModuleNotFoundError with an editor's quotes for another package (near home-assistant/core#33619's \"No module named ‘psycopg2’\")",
    },
    {
      title: "Prisma's OpenSSL detection warning alone: the engine loaded and may work (batch 26)",
      text: "prisma:warn Prisma failed to detect the libssl/openssl version to use, and may not work as expected. Defaulting to \"openssl-1.1.x\".\nPlease manually install OpenSSL and try installing Prisma again.",
      source: "prisma/prisma getPlatform warning printed before a successful start (near umami-software/umami#3115, where the engine then failed to load)",
    },
    {
      title: "Flyway given a URL without jdbc: (the URL is at fault, not a missing module, batch 26)",
      text: "org.flywaydb.core.api.FlywayException: No database found to handle postgresql://app:secret@db:5432/app",
      source: "flyway/flyway DatabaseTypeRegister \"No database found to handle \" + url (open-metadata/OpenMetadata#20037)",
      family: "url_malformed",
    },
    {
      title: "sqlx built with TLS whose handshake then failed on the certificate (TLS is there, batch 25)",
      text: "error occurred while attempting to establish a TLS connection: invalid peer certificate: UnknownIssuer",
      source: "launchbadge/sqlx sqlx-core net/tls: the same prefix with a rustls verification error (near PostHog/posthog#46138's \"SQLx was built without TLS support enabled\")",
    },
    {
      title: "tokio-postgres with a TLS connector that the server turned down (the client has TLS; the server has none, batch 25)",
      text: "Error { kind: Tls, cause: Some(Custom { kind: Other, error: \"server does not support TLS\" }) }",
      source: "sfackler/rust-postgres tokio-postgres/src/connect_tls.rs Error::tls(\"server does not support TLS\") (near palfrey/wait-for-db#50's NoTlsError)",
    },
    {
      title: "py-postgresql refusing GSSAPI (request 7): a pg_hba method the driver lacks, not a driver too old for SCRAM (batch 24)",
      text: "postgresql.exceptions.AuthenticationMethodError: unsupported authentication request 'GSS'(7)",
      source: "python-postgres/fe postgresql/protocol/client3.py \"unsupported authentication request %r(%d)\" (near request 10, python-postgres/fe#108)",
    },
    {
      title: "Caqti's connect error once its PostgreSQL driver is loaded (the server refused, batch 24)",
      text: "Cannot connect to <postgresql://app@localhost/app>: connection to server at \"localhost\" (127.0.0.1), port 5432 failed: Connection refused",
      source: "paurkedal/ocaml-caqti caqti/lib/caqti_error.ml connect_failed \"Cannot connect to <%a>: %a\" (near \"Neither caqti-driver-postgresql nor the dynamic linker ...\", paurkedal/ocaml-caqti#106)",
      family: "cannot_connect",
    },
    {
      title: "Rails' adapter gem not loaded for another database (mysql2)",
      text: "Specified 'mysql2' for database adapter, but the gem is not loaded. Add `gem 'mysql2'` to your Gemfile (and ensure its version is at the minimum required by ActiveRecord). (Gem::LoadError)",
      source: "rails activerecord connection_specification.rb, the same wording for the mysql2 adapter",
    },
    {
      title: "PHP failing to load the MySQL PDO extension (not pdo_pgsql)",
      text: "PHP Warning:  PHP Startup: Unable to load dynamic library 'pdo_mysql' (tried: /usr/lib/php81/modules/pdo_mysql (Error loading shared library /usr/lib/php81/modules/pdo_mysql: No such file or directory)) in Unknown on line 0",
      source: 'php-src ext/standard/dl.c php_load_extension for another extension',
    },
    {
      title: "Quarkus without an H2 driver while the PostgreSQL one is present",
      text: "Unable to find a JDBC driver corresponding to the database kind 'h2'\n(available: 'postgresql')",
      source: 'quarkusio/quarkus Agroal ConfigurationException for the h2 kind, as pasted in a public setup note (find_string)',
    },
    {
      title: "pgjdbc refusing GSSAPI (type 7) in German, not the SCRAM (type 10) an old driver cannot do",
      text: "org.postgresql.util.PSQLException: Der Authentifizierungstyp 7 wird nicht unterstützt. Stellen Sie sicher, dass die Datei 'pg_hba.conf' die IP-Adresse oder das Subnetz des Clients enthält",
      source: 'pgjdbc translation/messages_de.java for "The authentication type {0} is not supported" with another type',
    },
    {
      title: "database/sql missing the MySQL driver (not a PostgreSQL driver)",
      text: "error: database driver: unknown driver mysql (forgotten import?)",
      source: "Go database/sql \"unknown driver %q (forgotten import?)\" for another database",
    },
    {
      title: 'a missing server extension module',
      text: 'ERROR:  could not find pgcrypto module in the extension directory "/usr/share/postgresql/16/extension"',
      source: 'a server-side extension that is not installed is not the client driver (the loader wording must name pg itself)',
    },
    {
      title: 'an install log that merely installs pg',
      text: 'npm notice run `npm install pg --save` to add the package\nadded 14 packages in 2s',
      source: 'npm output naming pg without any failure to load it',
    },
    {
      title: 'a missing helper library whose name starts like the driver',
      text: "Error: Cannot find module 'pg-promise'\nRequire stack:\n- /app/src/db.js",
      source: 'Node.js MODULE_NOT_FOUND for a library that is not the PostgreSQL driver',
    },
    {
      title: 'an application module that is missing',
      text: "Error: Cannot find module './routes/users'\nRequire stack:\n- /app/server.js",
      source: 'Node.js MODULE_NOT_FOUND for an application file, not a driver',
    },
    {
      title: 'a misspelt SQLAlchemy dialect',
      text: "sqlalchemy.exc.NoSuchModuleError: Can't load plugin: sqlalchemy.dialects:postgres",
      source: 'PaulSonOfLars/tgbot#109',
      family: 'url_malformed',
    },
    {
      title: 'a missing Python module that is not a driver',
      text: "ModuleNotFoundError: No module named 'flask_sqlalchemy'",
      source: 'CPython ModuleNotFoundError for an extension package, not the PostgreSQL driver',
    },
    {
      title: "Prisma's checksum download failing, not the engine file",
      text: "Error: Failed to fetch sha256 checksum at https://binaries.prisma.sh/all_commits/2060c79b/linux-arm-openssl-3.0.x/libquery_engine.so.node.gz.sha256 - 404 Not Found",
      source: "prisma/prisma packages/fetch-engine: the checksum fetch is a separate step (PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING skips it); only the engine file itself decides",
    },
    {
      title: "deno-postgres with SCRAM support refused on the password (a wrong password, not an old driver, batch 30)",
      text: 'error: Uncaught (in promise) PostgresError: password authentication failed for user "app"',
      source: 'denodrivers/postgres connection.ts after SCRAM support: the server\'s 28P01, near the "Unknown auth message code 10" of denoland/deno#8417',
      family: 'auth_failed',
    },
  ],
});
