// role_missing: the named role does not exist (`role "x" does not exist`,
// SQLSTATE 28000 at login or 42704 in a statement). The first check looks at
// where the name came from: "None", "undefined" or the OS login name mean the
// user setting was never loaded (env_missing; real-errors b185), because
// drivers fall back to the operating-system user.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'role_missing',
  steps: [
    {
      id: 'check_role_name_source',
      title: 'Check where the role name in the error comes from',
      action: 'Compare the role in the error with the user in DATABASE_URL. Without a user setting, libpq and node-postgres use the operating-system user name.',
      verify: 'From the app\'s directory, with its env loaded (add `-r dotenv/config` after `node` if the app uses dotenv): `node -e "console.log(new URL(process.env.DATABASE_URL).username)"`, next to `whoami` and the role in the error.',
      confirmed: 'The role is `None`, `undefined`, `null`, empty, or equals your OS login: the user setting never arrived (see env_missing).',
      ruledOut: 'The role in the error is the user written in DATABASE_URL.',
      fix: 'Load DATABASE_URL (or PGUSER) into the process before it connects, with the user from the Neon console.',
      source: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-USER ; https://node-postgres.com/features/connecting#environment-variables',
    },
    {
      id: 'list_roles',
      title: 'List the roles on this branch or server',
      action: 'Check the role exists with exactly that spelling. Unquoted names are folded to lower case when created; `"MyUser"` and `myuser` are different roles.',
      verify: 'Neon console → Branches → your branch → Roles & Databases, or with a working role: `select rolname from pg_roles where rolname not like \'pg\\_%\' order by 1;`',
      confirmed: 'The role is not in the list, or only with other letter case.',
      ruledOut: 'A role with exactly that name exists here.',
      fix: 'Use the listed name in DATABASE_URL, or create the role: Neon console → Roles → New role (then copy its connection string), or `create role app login password \'...\'` run in the SQL editor.',
      source: 'https://neon.com/docs/manage/roles ; https://www.postgresql.org/docs/current/sql-createrole.html',
    },
    {
      id: 'check_branch_or_server',
      title: 'Check you reach the branch or server where the role was created',
      action: 'Roles live per Neon branch (a branch copies the parent\'s roles when it is created) and per server. A host for another branch, project or a local server will not know the role.',
      verify: 'Compare the `ep-...` label of the host in DATABASE_URL with the compute of the branch where you created the role (console → Branches → Computes).',
      confirmed: 'The host belongs to another branch, project or server.',
      ruledOut: 'The host is the compute of the branch that holds the role.',
      fix: 'Use that branch\'s connection string, or create the role on the branch you connect to.',
      source: 'https://neon.com/docs/introduction/branching ; https://neon.com/docs/manage/roles',
    },
    {
      id: 'check_docker_init_skipped',
      title: 'Docker: check the init step was not skipped by an existing volume',
      action: 'The official postgres image creates POSTGRES_USER only when the data directory is empty. An old volume keeps the old roles (real-errors b086).',
      verify: '`docker compose logs db | grep -i "skipping initialization"` and `docker volume ls`.',
      confirmed: 'The log says the database directory already contains a database and initialization was skipped.',
      ruledOut: 'Initialization ran on this volume with the current POSTGRES_USER, or no Docker is involved.',
      fix: 'Create the role in the running database (`docker compose exec db psql -U <existing-user> -c "create role app login"`), or drop the volume to re-initialise when its data is disposable (`docker compose down -v`).',
      source: 'https://hub.docker.com/_/postgres (Initialization scripts)',
    },
    {
      id: 'check_migration_role_references',
      title: 'Check migrations or dumps that name roles from elsewhere',
      action: 'A migration or dump with `OWNER TO postgres` or `GRANT ... TO some_role` fails where that role does not exist; Neon projects have no `postgres` role by default.',
      verify: '`grep -rniE "owner to|grant .* to|set role" migrations/ *.sql`',
      confirmed: 'The failing statement names a role that exists only on another server.',
      ruledOut: 'The failure is at login, not in a statement, or the referenced roles exist.',
      fix: 'Remove owner and privilege statements (`pg_dump --no-owner --no-privileges`), or create the referenced role first.',
      source: 'https://www.postgresql.org/docs/current/app-pgdump.html ; transcom/mymove#383',
    },
  ],
  collectNext: [
    'The exact error text with the role name and SQLSTATE.',
    'The user in DATABASE_URL (no password) and whether the error comes at login or from a statement.',
    'The list of roles on the branch (`select rolname from pg_roles`).',
    'Which branch, project or server the host belongs to.',
  ],
};
