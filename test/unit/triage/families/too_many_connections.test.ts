import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('too_many_connections', {
  valid: corpusCases('too_many_connections'),
  invalid: [
    {
      title: "the client's own pool ran dry",
      text: 'QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30 (Background on this error at: http://sqlalche.me/e/3o7r)',
      source: 'skyportal/skyportal#1886',
      family: 'pool_timeout',
    },
    {
      title: 'a Prisma pool wait timeout',
      text: 'Timed out fetching a new connection from the connection pool. More info: http://pris.ly/d/connection-pool (Current connection pool timeout: 10, connection limit: 5)',
      source: 'prisma/orm#24891',
      family: 'pool_timeout',
    },
    {
      title: "a monitoring line counting the slots that are left",
      text: "remaining connection slots: 12 of 100",
      source: "a pg_stat_activity dashboard line: slots left, no refusal (PostgreSQL's message always continues \"are reserved for ...\")",
    },
    {
      title: "slots that are running low, in prose",
      text: "Our connection slots are running low during the nightly batch, so we added PgBouncer.",
      source: "prose about capacity: the word after 'are' is not (a prefix of) PostgreSQL's 'reserved'",
    },
  ],
});
