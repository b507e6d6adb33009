// neon_endpoint: the Neon proxy could not route the connection or start the
// compute (`Endpoint ID is not specified`, `Inconsistent project name inferred
// from SNI`, `endpoint is disabled`, `Couldn't connect to compute node`,
// `endpoint ... could not be found`). The first check looks for a server error
// wrapped inside the proxy's message: then that inner error is the cause
// (real-errors b105: the proxy wrapped `database ... does not exist`).
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'neon_endpoint',
  steps: [
    {
      id: 'read_inner_error',
      title: 'Look for a server error wrapped inside the proxy\'s message',
      action: 'Neon\'s proxy sometimes passes on the compute\'s own error (a missing database, a wrong password, no free slots) inside its log line or message.',
      verify: 'Search the full text for `FATAL:` / `ERROR:` after the proxy prefix, or a SQLSTATE such as 3D000, 28P01, 53300.',
      confirmed: 'An inner server error is present: triage that text (database_missing, auth_failed, too_many_connections ...).',
      ruledOut: 'The message is the proxy\'s own (endpoint ID, SNI, disabled, compute node).',
      fix: 'Paste the inner error as the new error text and follow its runbook.',
      source: 'https://github.com/neondatabase/neon/issues/9020 ; https://neon.com/docs/connect/connection-errors',
    },
    {
      id: 'check_sni_support',
      title: 'Check the client sends the endpoint ID (SNI)',
      action:
        'Neon routes by the endpoint ID (`ep-...`, the first label of the host) sent in TLS SNI. libpq before 14 and some drivers do not send SNI: `Endpoint ID is not specified`. An `options=endpoint%3D...` naming another endpoint than the host gives `Inconsistent project name inferred from SNI`.',
      verify: '`psql --version` / `pg_config --version` (libpq 14+ sends SNI), the driver version, and any `options=` parameter in the URL compared with the host\'s `ep-...` label.',
      confirmed: 'libpq or the driver is too old for SNI, or `options=endpoint%3D` disagrees with the host.',
      ruledOut: 'A current client connects by the console\'s host name with no conflicting option.',
      fix:
        'Upgrade libpq / the driver. Where you cannot, add `options=endpoint%3D<endpoint-id>` to the URL (the `ep-...` label without `-pooler`), or fix it to match the host. As a last resort put `endpoint=<endpoint-id>;<password>` in the password field.',
      source: 'https://neon.com/docs/connect/connection-errors#the-endpoint-id-is-not-specified',
      clientVariants: {
        pgx: { fix: 'Use pgx v5 (SNI supported); with older Go clients `sslmode=verify-full` makes them send SNI.' },
        'lib-pq': { fix: 'Set `sslmode=verify-full` (Go\'s TLS then sends SNI), or add `options=endpoint%3D<endpoint-id>`.' },
        'node-postgres': { fix: 'Use a current pg with TLS on (`sslmode=require` in the URL or `ssl: true`); SNI is sent from the host name.' },
        'postgres-js': { fix: 'Pass `ssl: \'require\'`; postgres.js sends SNI only with TLS on (real-errors b003).' },
      },
    },
    {
      id: 'check_endpoint_exists',
      title: 'Check the endpoint in the host still exists in your project',
      action: 'A host copied from an old branch, a deleted compute, another project or region points at an endpoint the proxy cannot find.',
      verify: 'Neon console → Branches → your branch → Computes: compare the compute\'s `ep-...` ID and region with the first label of the host in DATABASE_URL (without `-pooler`).',
      confirmed: 'No compute in the project has that endpoint ID, or the region differs.',
      ruledOut: 'The endpoint ID and region match a compute in the console.',
      fix: 'Copy a fresh connection string from Connect on the project dashboard into DATABASE_URL (direct or pooled as needed) and redeploy.',
      source: 'https://neon.com/docs/manage/computes ; https://neon.com/docs/connect/connect-from-any-app',
    },
    {
      id: 'check_endpoint_disabled',
      title: 'Check whether the compute is disabled or over a plan limit',
      action: 'A compute can be disabled (through the API or when a plan\'s usage allowance runs out), or a project can hit the limit of concurrently active computes.',
      verify: 'Neon console → project dashboard banners, Billing / Usage, and the compute\'s status on the Branches page.',
      confirmed: 'A banner or the usage page shows an exhausted allowance, or the compute is marked disabled.',
      ruledOut: 'The compute is enabled and within the plan\'s limits.',
      fix: 'Raise the plan or wait for the allowance to reset; re-enable the compute (API `PATCH /projects/{id}/endpoints/{id}` with `disabled: false`); stop unused computes.',
      source: 'https://neon.com/docs/introduction/plans ; https://neon.com/docs/reference/api/endpoints/update-project-endpoint',
    },
    {
      id: 'check_compute_start',
      title: 'Check the compute starts, then retry',
      action: '`Couldn\'t connect to compute node` means the proxy could not reach the compute, often while it restarts or wakes from scale to zero, sometimes during an incident.',
      verify: 'https://neonstatus.com for the region; Neon console → Branches → compute status; then wait a few seconds and `psql "$DATABASE_URL" -c "select 1"`.',
      confirmed: 'An incident is listed, or the compute is starting/restarting when the error appears.',
      ruledOut: 'psql connects right away and the status page is clear.',
      fix: 'Retry with backoff around connects; if it persists for minutes with a clear status page, restart the compute from the console and contact Neon support with the endpoint ID and times.',
      source: 'https://neon.com/docs/connect/connection-errors#couldnt-connect-to-compute-node ; https://neon.com/docs/connect/connection-latency',
    },
  ],
  collectNext: [
    'The exact error text, including any request or session ID the proxy prints.',
    'The endpoint ID (`ep-...`) and region from the host (no password), direct or `-pooler`.',
    'Client library and libpq version.',
    'Time of the errors (UTC) and the compute state in the console at that time.',
  ],
};
