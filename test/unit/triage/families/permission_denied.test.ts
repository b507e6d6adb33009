import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('permission_denied', {
  firstStep: 'check_connected_role',
  valid: corpusCases('permission_denied'),
  invalid: [
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
