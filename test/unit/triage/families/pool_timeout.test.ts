import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('pool_timeout', {
  valid: corpusCases('pool_timeout'),
  invalid: [
    {
      title: "PgCat's answer for a database and user it has no pool for (batch 23)",
      text: "psql: error: connection to server at \"pgcat.pgcat.svc.cluster.local\" (10.108.15.8), port 6432 failed: FATAL:  No pool configured for database: \"orders\", user: \"app\"",
      source: "postgresml/pgcat src/client.rs \"No pool configured for database: {:?}, user: {:?}\" (postgresml/pgcat#346)",
      family: "database_missing",
    },
    {
      title: "Hibernate acquiring a connection the server refused for lack of slots (the server, not the pool)",
      text: "org.hibernate.exception.GenericJDBCException: Unable to acquire JDBC Connection [FATAL: sorry, too many clients already] [n/a]",
      source: "Hibernate LogicalConnectionManagedImpl wrapping pgjdbc 53300",
      family: 'too_many_connections',
    },
    {
      title: 'a connect attempt that timed out',
      text: 'Error: Connection terminated due to connection timeout\n    at Connection.<anonymous> (node_modules/pg/lib/client.js:132:36)',
      source: 'alexandrainst/node-red-contrib-postgresql#27',
      family: 'connect_timeout',
    },
    {
      title: 'a server out of connection slots',
      text: 'FATAL:  sorry, too many clients already',
      source: 'tpetry/stackbricks-community#24',
      family: 'too_many_connections',
    },
    {
      title: 'a statement timeout',
      text: 'psycopg2.errors.QueryCanceled: canceling statement due to statement timeout',
      source: 'PostgreSQL 57014 as psycopg2 names it',
      family: 'unknown',
    },
  ],
});
