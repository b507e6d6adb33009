import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('permission_denied', {
  valid: [
    ...corpusCases('permission_denied'),
    {
      // Spanish server messages contract "a el" to "al": permiso denegado al esquema public.
      text: 'sqlalchemy.exc.ProgrammingError: ERROR:  permiso denegado al esquema public\nLINE 1: CREATE TABLE alembic_version (',
      source: 'https://github.com/postgres/postgres/blob/master/src/backend/po/es.po',
      client: 'sqlalchemy',
      evidence: 'permiso denegado al esquema',
    },
    {
      text: 'ERROR:  42501: permiso denegado a la tabla usuario\nLOCATION:  aclcheck_error, aclchk.c:2845',
      source: 'https://github.com/postgres/postgres/blob/master/src/backend/po/es.po',
      client: 'psql',
      evidence: 'permiso denegado a la tabla',
    },
  ],
  invalid: [
    {
      title: 'a Unix-socket permission error on a path',
      text: 'could not connect to server: Permission denied\n\tIs the server running locally and accepting connections on Unix domain socket "/var/run/postgresql/.s.PGSQL.5432"?',
      source: 'libpq connect() EACCES on the socket file: "Permission denied" followed by no privilege object',
    },
    {
      title: 'a file system permission error',
      text: "Error: EACCES: permission denied, open '/app/.env'",
      source: 'Node.js fs EACCES, not a database privilege',
    },
    {
      title: 'an SSH key refusal',
      text: 'git@github.com: Permission denied (publickey).',
      source: 'OpenSSH client, not a database privilege',
    },
    {
      title: 'a wrong password',
      text: 'FATAL:  password authentication failed for user "app"',
      source: 'PostgreSQL auth.c',
      family: 'auth_failed',
    },
  ],
});
