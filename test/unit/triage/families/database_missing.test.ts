import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('database_missing', {
  valid: corpusCases('database_missing'),
  invalid: [
    {
      title: "psql's Spanish notice that it is now connected to a database (the same noun phrase, no error, batch 26)",
      text: "Ahora está conectado a la base de datos «entregable» con el usuario «postgres».",
      source: "psql es.po \"Ahora está conectado a la base de datos «%s» con el usuario «%s»\" (near the server's \"no existe la base de datos «%s»\", XSCE/xsce#901's Apache-escaped Spanish)",
    },
    {
      title: "PgCat's pool checkout failure, which names its pool but no database (batch 23)",
      text: "linear_production_copy=# SELECT 1;\nFATAL:  58000: could not get connection from the pool - AllServersDown",
      source: "postgresml/pgcat#824 (near pgcat's \"No pool configured for database\", postgresml/pgcat#346)",
      family: "pool_timeout",
    },
    {
      title: 'a role named in guillemets (role_missing, not database_missing)',
      text: 'FATAL:  role « reporting » does not exist',
      source: 'PostgreSQL miscinit.c InitializeSessionUserId 28000, quoted as in doctrine/dbal#1168',
      family: 'role_missing',
    },
    {
      title: 'a refused Unix socket that Rails reports as NoDatabaseError',
      text: 'ActiveRecord::NoDatabaseError: could not connect to server: No such file or directory\n    Is the server running locally and accepting\n    connections on Unix domain socket "/var/run/postgresql/.s.PGSQL.5432"?',
      source: 'ToolJet/ToolJet#220',
      family: 'cannot_connect',
    },
    {
      title: 'a database that already exists',
      text: 'ERROR:  database "app" already exists',
      source: 'PostgreSQL dbcommands.c createdb (42P04)',
      family: 'unknown',
    },
    {
      title: 'a database name that is a JavaScript undefined',
      text: 'error: database "undefined" does not exist',
      source: 'PostgreSQL postinit.c wording with the name node-postgres sends when config.database is undefined',
      family: 'env_missing',
    },
    {
      title: 'a missing role',
      text: 'psql: error: FATAL:  role "app" does not exist',
      source: 'PostgreSQL miscinit.c InitializeSessionUserId',
      family: 'role_missing',
    },
    {
      title: "prose naming a database by a placeholder (no server severity before it, batch 30)",
      text: 'the database <app_db> does not exist yet on a fresh install, so the installer creates it',
      source: 'installer notes in the manner of a README, near the redacted "FATAL: database <name> does not exist" of dbeaver/dbeaver#18435',
    },
    {
      title: "a placeholder database that exists but refuses connections (datallowconn off, batch 30)",
      text: 'FATAL:  database <app_db> is not currently accepting connections',
      source: 'PostgreSQL postinit.c "database "%s" is not currently accepting connections" with the name redacted, near dbeaver/dbeaver#18435',
    },
  ],
});
