import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('role_missing', {
  valid: corpusCases('role_missing'),
  invalid: [
    {
      title: 'a role name that is Python None',
      text: 'asyncpg.exceptions.UndefinedObjectError: role "None" does not exist',
      source: 'Azure-Samples/graphrag-legalcases-postgres#20',
      family: 'env_missing',
    },
    {
      title: 'a missing column named role',
      text: 'ERROR:  column "role" does not exist\nLINE 1: SELECT role FROM users',
      source: 'PostgreSQL parse_relation.c errorMissingColumn (42703)',
      family: 'unknown',
    },
    {
      title: 'a role that already exists',
      text: 'ERROR:  role "app" already exists',
      source: 'PostgreSQL user.c CreateRole (42710)',
      family: 'unknown',
    },
  ],
});
