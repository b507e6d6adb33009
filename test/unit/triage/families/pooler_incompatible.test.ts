import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('pooler_incompatible', {
  valid: corpusCases('pooler_incompatible'),
  invalid: [
    {
      title: 'a bind message that does not match its statement (a query bug)',
      text: 'error: bind message supplies 1 parameters, but prepared statement "" requires 2',
      source: 'PostgreSQL postgres.c exec_bind_message (08P01): the query passes the wrong number of values',
      family: 'unknown',
    },
    {
      title: 'a cached plan invalidated by a schema change',
      text: 'ERROR: cached plan must not change result type',
      source: 'PostgreSQL plancache.c (0A000): an ALTER TABLE under a long-lived prepared statement',
      family: 'unknown',
    },
  ],
});
