import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('unknown', {
  valid: [
    ...corpusCases('unknown'),
    {
      text: 'org.postgresql.util.PSQLException: ERROR: deadlock detected\n  Detail: Process 18159 waits for ShareLock on transaction 2815559726; blocked by process 16886.',
      source: 'kestra-io/kestra#9094',
      client: 'jdbc',
      evidence: 'deadlock detected',
    },
    {
      text: 'error: syntax error at or near "FROM"\n    at Parser.parseErrorMessage (node_modules/pg-protocol/dist/parser.js:287:98)',
      source: 'PostgreSQL scan.l (42601) as node-postgres prints it',
      client: 'pg',
      evidence: 'syntax error at or near',
    },
    {
      text: "TypeError: Cannot read properties of undefined (reading 'map')\n    at UserList (webpack-internal:///./components/UserList.tsx:21:24)",
      source: 'V8 TypeError in application code: nothing about the database',
      client: 'node',
      evidence: '',
    },
    {
      text: 'it does not work, please help',
      source: 'a user sentence with no error text (the runbook asks for it)',
      client: 'none',
      evidence: '',
    },
  ],
  invalid: [
    {
      title: 'a real authentication failure',
      text: 'FATAL:  password authentication failed for user "postgres"',
      source: 'absmach/supermq-devops#129',
      family: 'auth_failed',
    },
    {
      title: 'a real refused connection',
      text: 'dial tcp 172.18.0.3:5432: connect: connection refused',
      source: 'hockeypuck/hockeypuck#156',
      family: 'cannot_connect',
    },
  ],
});
