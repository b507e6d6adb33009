import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('neon_endpoint', {
  valid: corpusCases('neon_endpoint'),
  invalid: [
    {
      title: "PgBouncer's malformed password packet (not Neon's proxy, batch 33)",
      text: "ERROR:  malformed password packet",
      source: "PgBouncer src/client.c, near the Neon proxy's \"Malformed password message: invalid payload\" (neondatabase/neon#2208)",
    },
    {
      title: 'a plain TLS requirement',
      text: 'error: connection is insecure (try using `sslmode=require`)',
      source: 'antares-sql/antares#668',
      family: 'ssl_required',
    },
    {
      title: 'a suspended compute that closed an idle connection',
      text: 'FATAL:  terminating connection due to administrator command',
      source: 'neon.com/docs/connect/connection-errors (terminating connection due to administrator command)',
      family: 'stale_connection',
    },
    {
      title: 'an HTTP endpoint that was not found',
      text: 'Error: 404 Not Found - the endpoint could not be found: GET /api/v1/projects',
      source: 'generic REST framework wording that mentions an endpoint',
    },
    {
      title: "the server's own disk quota, not a Neon control-plane quota",
      text: 'ERROR:  could not write to file "base/pgsql_tmp/pgsql_tmp1234.0": Disk quota exceeded',
      source: 'PostgreSQL fd.c with EDQUOT from the filesystem: a quota, but no compute to wake',
      family: 'unknown',
    },
  ],
});
