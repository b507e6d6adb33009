import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('pooler_incompatible', {
  valid: corpusCases('pooler_incompatible'),
  invalid: [
    {
      title: "RDS Proxy refusing the client's authentication method (not a startup option, batch 33)",
      text: "consuming input failed: RDS Proxy supports only IAM, MD5, or SCRAM authentication.",
      source: "Amazon RDS Proxy's auth-method refusal (goldfiglabs/rds_iamauth_proxy#3), beside its command-line options refusal (psycopg/psycopg2#1577)",
    },
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
