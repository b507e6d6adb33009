import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('neon_endpoint', {
  valid: [
    ...corpusCases('neon_endpoint'),
    {
      // The proxy's wording since April 2025 (neondatabase/neon#11716), through psql.
      text: 'psql: error: connection to server at "ep-cool-darkness-123456.us-east-2.aws.neon.tech" (203.0.113.10), port 5432 failed: ERROR:  Control plane request failed: endpoint cannot be found',
      source: 'neondatabase/neon proxy/src/control_plane/messages.rs get_user_facing_message (404) at 6a35a3e9f149798df1b1761ee64099d8d75fbe90',
      client: 'libpq',
      evidence: 'Control plane request failed',
    },
    {
      text: 'error: Control plane request failed: endpoint is temporarily unavailable. Check your quotas and/or contact our support.',
      source: 'neondatabase/neon proxy/src/control_plane/messages.rs get_user_facing_message (423/422) at 6a35a3e9f149798df1b1761ee64099d8d75fbe90',
      client: 'node-postgres',
      evidence: 'Control plane request failed',
    },
    {
      text: "psql: error: connection to server at \"ep-cool-darkness-123456.us-east-2.aws.neon.tech\" (203.0.113.10), port 5432 failed: ERROR:  Project name ('ep_cool_darkness') must contain only alphanumeric characters and hyphen.",
      source: 'neondatabase/neon proxy/src/auth/credentials.rs ComputeUserInfoParseError::MalformedProjectName at 6a35a3e9f149798df1b1761ee64099d8d75fbe90',
      client: 'libpq',
      evidence: 'must contain only alphanumeric characters and hyphen',
    },
  ],
  invalid: [
    {
      title: "another service's failed request (not the Neon control plane)",
      text: '7: ERROR: gRPC request to meta service failed: Internal error',
      source: 'a RisingWave error chain, near the Neon proxy\'s "Control plane request failed" (neondatabase/neon proxy/src/control_plane/errors.rs)',
    },
    {
      title: 'a generic project-name validation (no quoted endpoint id in parentheses)',
      text: "ValidationError: Project name 'my_app' must contain only alphanumeric characters and hyphens",
      source: "a generic form validation, near the Neon proxy's \"Project name ('<id>') must contain only alphanumeric characters and hyphen.\" (neondatabase/neon proxy/src/auth/credentials.rs)",
    },
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
