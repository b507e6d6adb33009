// permission_denied: the role lacks a privilege (`permission denied for schema
// public`, `permission denied for table`, `must be owner of`, `permission
// denied to create database`; SQLSTATE 42501). The first check names the role
// the app really connects as and who owns the object, since most cases are a
// different role than the one that created the objects.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'permission_denied',
  steps: [
    {
      id: 'check_connected_role',
      title: 'Check which role the app connects as and who owns the object',
      action: 'Compare the app\'s role with the owner of the schema or table in the error. Tables created by a migration role are not open to another app role by default.',
      verify: 'From the app\'s connection: `select current_user, session_user;` and `select schemaname, tablename, tableowner from pg_tables where tablename = \'<table>\';` (for a schema: `select nspname, nspowner::regrole from pg_namespace where nspname = \'public\';`).',
      confirmed: 'The app\'s role is not the owner and was never granted access.',
      ruledOut: 'The app connects as the owner (then see the role attribute check).',
      fix: 'Connect as the intended role, or grant the app role what it needs (next checks).',
      source: 'https://www.postgresql.org/docs/current/ddl-priv.html ; https://neon.com/docs/manage/database-access',
    },
    {
      id: 'grant_schema_privileges',
      title: 'Grant USAGE and CREATE on the schema',
      action: 'Since PostgreSQL 15, ordinary roles can no longer create objects in `public` unless granted: `permission denied for schema public` when migrations create tables.',
      verify: '`select has_schema_privilege(\'<role>\', \'public\', \'USAGE\') as usage, has_schema_privilege(\'<role>\', \'public\', \'CREATE\') as create;`',
      confirmed: 'USAGE or CREATE is false for the role that fails.',
      ruledOut: 'Both are true.',
      fix: 'As the database or schema owner: `grant usage, create on schema public to <role>;` (or make the role own the database: `alter database <db> owner to <role>;`).',
      source: 'https://www.postgresql.org/docs/release/15.0/ ; https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PRIV',
    },
    {
      id: 'grant_table_privileges',
      title: 'Grant table privileges, including on future tables',
      action: '`permission denied for table x`: the role lacks SELECT/INSERT/UPDATE/DELETE (or USAGE on its sequence). Grants cover existing tables only; new tables need default privileges.',
      verify: '`select has_table_privilege(\'<role>\', \'<schema>.<table>\', \'SELECT, INSERT, UPDATE, DELETE\');` and `\\ddp` in psql for default privileges.',
      confirmed: 'The privilege check is false for the table in the error.',
      ruledOut: 'The role has the privileges on that table.',
      fix: 'As the owner: `grant select, insert, update, delete on all tables in schema public to <role>; grant usage, select on all sequences in schema public to <role>;` and `alter default privileges for role <owner> in schema public grant select, insert, update, delete on tables to <role>;`.',
      source: 'https://www.postgresql.org/docs/current/sql-grant.html ; https://www.postgresql.org/docs/current/sql-alterdefaultprivileges.html',
    },
    {
      id: 'check_ownership_for_ddl',
      title: 'Check schema changes run as the owner',
      action: '`must be owner of table x` (real-errors b140): ALTER, DROP, and index creation need the owner, not just privileges. Migrations run as a different role than the one that created the tables fail.',
      verify: '`select tableowner from pg_tables where tablename = \'<table>\';` next to the role the migration connects as.',
      confirmed: 'The migration role is not the owner and not a member of the owner role.',
      ruledOut: 'Migrations connect as the owner.',
      fix: 'Run migrations as the owner role, or transfer ownership (`alter table <t> owner to <role>;` / `reassign owned by <old> to <new>;`), or `grant <owner> to <migration_role>;`.',
      source: 'https://www.postgresql.org/docs/current/sql-altertable.html ; https://www.postgresql.org/docs/current/sql-reassign-owned.html',
    },
    {
      id: 'check_role_attributes',
      title: 'Check the role has the attribute the operation needs',
      action: '`permission denied to create database` (real-errors b132, Prisma\'s shadow database) needs CREATEDB; creating roles needs CREATEROLE. Neon roles made in the console can create databases; roles made in SQL start without it.',
      verify: '`select rolname, rolcreatedb, rolcreaterole from pg_roles where rolname = current_user;`',
      confirmed: 'The needed attribute is false.',
      ruledOut: 'The attribute is true, or the operation needs none.',
      fix: 'As an admin role: `alter role <role> createdb;` or use a console-created role. For Prisma, set `shadowDatabaseUrl` to a database you create yourself instead.',
      source: 'https://www.postgresql.org/docs/current/role-attributes.html ; https://www.prisma.io/docs/orm/prisma-migrate/understanding-prisma-migrate/shadow-database',
    },
  ],
  collectNext: [
    'The exact error text with the object name and SQLSTATE (42501).',
    'The role the app and the migrations connect as (`select current_user`).',
    'The owner of the object and the output of `\\dp <table>` / `\\dn+ public`.',
    'PostgreSQL version (`show server_version`) and how the role was created (console or SQL).',
  ],
};
