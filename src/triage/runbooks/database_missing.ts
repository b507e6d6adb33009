// database_missing: the named database does not exist (`database "x" does not
// exist`, SQLSTATE 3D000, Prisma P1003). The first check looks at where the
// name came from: a URL with no database path makes libpq and node-postgres
// use the user name as the database name, so a missing database named like the
// user means the path was dropped, not that a database should be created.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'database_missing',
  steps: [
    {
      id: 'check_database_name_source',
      title: 'Check where the database name in the error comes from',
      action: 'Compare the database in the error with the path of DATABASE_URL. With no path, clients default the database name to the user name.',
      verify: 'From the app\'s directory, with its env loaded (add `-r dotenv/config` after `node` if the app uses dotenv): `node -e "const u=new URL(process.env.DATABASE_URL); console.log(\'user\', u.username, \'db\', u.pathname.slice(1) || \'(none)\')"`.',
      confirmed: 'The URL has no database, or the missing name equals the user name (`neondb_owner`), `None` or `undefined`.',
      ruledOut: 'The missing name is exactly the database written in DATABASE_URL.',
      fix: 'Put the database in the URL path (`.../neondb?sslmode=require`) as the Neon console shows it.',
      source: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-DBNAME ; https://node-postgres.com/features/connecting#environment-variables',
    },
    {
      id: 'list_databases',
      title: 'List the databases on this branch or server',
      action: 'Check the exact spelling. A schema name used as the database (real-errors b097), other letter case, or a hyphen that needed quoting at creation all give this error.',
      verify: 'Neon console → Branches → your branch → Roles & Databases, or with a working URL: `psql "<url to neondb>" -c "select datname from pg_database where not datistemplate"`.',
      confirmed: 'The name is not in the list, or only with other case or spelling.',
      ruledOut: 'A database with exactly that name exists here.',
      fix: 'Use the listed name in DATABASE_URL (a schema goes in `search_path` or Prisma\'s `?schema=`, not in the path).',
      source: 'https://neon.com/docs/manage/databases ; https://www.postgresql.org/docs/current/manage-ag-overview.html',
    },
    {
      id: 'check_branch_or_server',
      title: 'Check you reach the branch or server where the database was created',
      action: 'Databases live per Neon branch (a branch copies what the parent had when it was created) and per server; another branch, project or a local server will not have it.',
      verify: 'Compare the `ep-...` label of the host in DATABASE_URL with the compute of the branch that holds the database (console → Branches).',
      confirmed: 'The host belongs to another branch, project or server.',
      ruledOut: 'The host is the compute of the branch that holds the database.',
      fix: 'Use that branch\'s connection string, or create the database on the branch you connect to.',
      source: 'https://neon.com/docs/introduction/branching',
    },
    {
      id: 'create_database',
      title: 'Create the database if it was never created',
      action: 'New environments (a fresh Neon branch, CI, a new server) need the database created before the app or migrations connect to it.',
      verify: 'Nobody created it here: it is absent from the list and from the provisioning scripts or Compose file.',
      confirmed: 'No step of the setup creates this database.',
      ruledOut: 'Setup creates it and it still is missing (then see the Docker check).',
      fix: 'Neon console → Roles & Databases → Add database (choose the owner role), or `create database app owner app;` as a role with CREATEDB; Prisma `migrate dev` offers to create it.',
      source: 'https://neon.com/docs/manage/databases#create-a-database ; https://www.postgresql.org/docs/current/sql-createdatabase.html',
    },
    {
      id: 'check_docker_init_skipped',
      title: 'Docker: check the init step was not skipped by an existing volume',
      action: 'The official postgres image creates POSTGRES_DB only when the data directory is empty; changing POSTGRES_DB later has no effect on an old volume.',
      verify: '`docker compose logs db | grep -i "skipping initialization"`',
      confirmed: 'Initialization was skipped, so the current POSTGRES_DB was never created.',
      ruledOut: 'Initialization ran with the current POSTGRES_DB, or no Docker is involved.',
      fix: '`docker compose exec db createdb -U <user> <db>`, or `docker compose down -v` to re-initialise when the data is disposable.',
      source: 'https://hub.docker.com/_/postgres (Environment Variables: POSTGRES_DB)',
    },
  ],
  collectNext: [
    'The exact error text with the database name and SQLSTATE (3D000).',
    'The user and database parts of DATABASE_URL (no password).',
    'The list of databases on the branch and which branch the host belongs to.',
    'How the environment was set up (Neon branch, Docker, CI).',
  ],
};
