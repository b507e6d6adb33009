import { endpointInOptions } from '../neon.ts';
import type { FindingRule } from './types.ts';

// https://neon.com/docs/connect/connection-errors#the-endpoint-id-is-not-specified:
// Neon's proxy finds the endpoint from TLS SNI (libpq 14+ sends it, sslsni=1
// by default); clients without SNI pass options=endpoint%3D<endpoint-id>.
export const rule: FindingRule = {
  meta: { id: 'neon_endpoint_sni', severity: 'info', description: 'How Neon learns the endpoint: SNI or options=endpoint=...' },
  check(ctx) {
    const neon = ctx.neon;
    const o = ctx.ok?.options;
    if (neon === undefined || o === undefined) return [];
    const named = endpointInOptions(o.options);
    const sep = ctx.meant.form === 'uri' ? (ctx.safeMeant.includes('?') ? '&' : '?') : ' ';
    const option = ctx.meant.form === 'uri' ? `options=endpoint%3D${neon.endpointId}` : `options='endpoint=${neon.endpointId}'`;
    if (named !== undefined && named.toLowerCase() !== neon.endpointId) {
      return [{ severity: 'error', message: `options names endpoint "${named}" but the host is endpoint "${neon.endpointId}": Neon refuses with "Inconsistent project name inferred from SNI and project option".`, fix: `Make them agree: ${option}` }];
    }
    if (named !== undefined) return [];
    if (o.sslsni === '0') {
      return [{ severity: 'error', message: 'sslsni=0 stops libpq from sending the host name in TLS, which Neon needs to find the endpoint ("Endpoint ID is not specified").', fix: `Remove sslsni=0, or name the endpoint: ${ctx.safeMeant}${sep}${option}` }];
    }
    return [
      {
        severity: 'info',
        message: `Neon finds endpoint ${neon.endpointId} from TLS SNI, which libpq 14+ and current drivers send. Older clients (libpq < 14, some PHP PDO, Go and Java stacks) fail with "Endpoint ID is not specified".`,
        fix: `For such clients add the endpoint explicitly: ${ctx.safeMeant}${sep}${option}`,
      },
    ];
  },
};
