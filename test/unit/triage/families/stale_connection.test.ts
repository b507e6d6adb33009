import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('stale_connection', {
  valid: corpusCases('stale_connection'),
  invalid: [
    {
      title: 'the misspelt pg-pool connect timeout',
      text: 'Error: Connection terminiated due to connection timeout',
      source: 'brianc/node-pg-pool#89',
      family: 'connect_timeout',
    },
    {
      title: 'a connect attempt that timed out (node-postgres says terminated)',
      text: 'Error: Connection terminated due to connection timeout',
      source: 'brianc/node-pg-pool#116',
      family: 'connect_timeout',
    },
    {
      title: 'a server that requires TLS and closed the plain connection',
      text: 'server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\nFATAL:  SSL connection is required. Please specify SSL options and retry.',
      source: 'Azure/azure-cli-extensions#3390',
      family: 'ssl_required',
    },
    {
      title: 'a unique violation',
      text: 'error: duplicate key value violates unique constraint "data_pkey"',
      source: 'mozilla-services/screenshots#613',
      family: 'unknown',
    },
  ],
});
