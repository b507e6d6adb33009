// The Neon proxy could not route the connection or start the endpoint: no
// SNI, an endpoint id that does not exist, a disabled or over-quota compute.
import { runbook } from '../runbooks/neon_endpoint.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'neon_endpoint',
    title: 'Neon endpoint not reachable',
    summary: 'The Neon proxy answered but could not route to, find or start the compute endpoint.',
  },
  patterns: [
    {
      id: 'endpoint-id-not-specified',
      kind: 'wording',
      pattern: /(?:Endpoint|Project) ID is not specified|\bSNI is missing\b|neon\.tech\/sni\b/i,
      // Outranks the "connection is insecure" line the proxy prints after it.
      weight: 0.99,
      clients: ['neon-proxy'],
      source: 'Neon proxy SNI error (porsager/postgres#705; neon.tech/docs/connect/connection-errors); 2022 wording "SNI is missing. EITHER please upgrade the postgres client library" (TablePlus/TablePlus-Linux#150)',
    },
    {
      id: 'inconsistent-sni',
      kind: 'wording',
      pattern: /Inconsistent project name inferred from SNI/i,
      weight: 0.98,
      clients: ['neon-proxy'],
      source: 'Neon proxy (neon.tech/docs/connect/connection-errors)',
    },
    {
      // The proxy reads the endpoint from SNI or from the password ("endpoint=<id>;<password>") for clients without SNI;
      // a password message it cannot parse that way fails before any credential check.
      id: 'malformed-password-message',
      kind: 'wording',
      pattern: /Malformed password message: invalid payload/,
      weight: 0.85,
      clients: ['neon-proxy'],
      source: 'neondatabase/neon proxy/src/auth.rs AuthErrorImpl::MalformedPassword ("Malformed password message: {0}"); lib/pq without SNI (neondatabase/neon#2208)',
    },
    {
      id: 'endpoint-disabled-or-missing',
      kind: 'wording',
      pattern: /endpoint (?:has been |is )(?:temporarily )?disabled|Access to this endpoint is temporarily disabled|requested endpoint could not be found/i,
      weight: 0.95,
      clients: ['neon-proxy'],
      source: 'Neon proxy console errors (neondatabase/neon#5569; neon.tech/docs/connect/connection-errors; "Access to this endpoint is temporarily disabled", neondatabase/website#4332)',
    },
    {
      id: 'compute-unavailable',
      kind: 'wording',
      pattern: /Couldn't connect to compute node|exceeded the (?:compute time|data transfer) quota|endpoint is idle, retry request|timed out while waiting for endpoint to become active/i,
      weight: 0.85,
      clients: ['neon-proxy'],
      source: 'Neon proxy connect_to_compute / control-plane errors (neondatabase/neon#9020; wake-up errors "endpoint is idle, retry request", "timed out while waiting for endpoint to become active", neondatabase/neon#5838)',
    },
    {
      // What the proxy says when the control plane would not wake or find the compute; the detail after the colon
      // ("endpoint cannot be found", "endpoint is disabled", "endpoint is temporarily unavailable") varies, the prefix
      // does not. It read "Console request failed" until neondatabase/neon#11716 (April 2025).
      id: 'control-plane-request-failed',
      kind: 'wording',
      pattern: /(?:Control plane|Console) request failed/i,
      weight: 0.85,
      clients: ['neon-proxy'],
      source: 'neondatabase/neon proxy/src/control_plane/errors.rs REQUEST_FAILED and proxy/src/control_plane/messages.rs get_user_facing_message (at 6a35a3e9f149798df1b1761ee64099d8d75fbe90); "Console request failed: endpoint is disabled" (neondatabase/neon#5569)',
    },
    {
      // The endpoint id given by option or password ("endpoint=<id>") is not a valid id, so the proxy cannot route it.
      id: 'malformed-project-name',
      kind: 'wording',
      pattern: /Project name \('[^'\n]{0,100}'\) must contain only alphanumeric characters and hyphen/i,
      weight: 0.9,
      clients: ['neon-proxy'],
      source: 'neondatabase/neon proxy/src/auth/credentials.rs ComputeUserInfoParseError::MalformedProjectName (at 6a35a3e9f149798df1b1761ee64099d8d75fbe90)',
    },
    {
      // The control plane's own quota answers, which the proxy relays when it cannot wake the compute.
      id: 'control-plane-quota',
      kind: 'wording',
      pattern: /\b(?:compute time|written data|data transfer) quota (?:of non-primary branches )?(?:is )?exceeded/i,
      weight: 0.85,
      clients: ['neon-proxy'],
      source: 'neondatabase/neon proxy/src/proxy/wake_compute.rs (WakeupFailureKind::QuotaExceeded: 422 "compute time quota of non-primary branches is exceeded", 423 "written data quota exceeded"); neondatabase/neon#7057',
    },
    {
      id: 'active-endpoints-limit',
      kind: 'wording',
      pattern: /limit of concurrently active endpoints|Active endpoints limit exceeded/i,
      weight: 0.9,
      clients: ['neon-proxy'],
      source: 'neon.com/docs/connect/connection-errors (You have exceeded the limit of concurrently active endpoints)',
    },
  ],
  runbook,
};
