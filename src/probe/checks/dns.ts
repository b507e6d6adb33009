// Layer 1: every address the host name resolves to, IPv4 and IPv6, through
// the system resolver (getaddrinfo, as libpq and Node's net use it).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { readNeonHost } from '../../connstr/neon.ts';
import { abortable } from '../session.ts';
import type { CheckOutcome, ProbeCheck } from '../types.ts';

export const dns: ProbeCheck = {
  id: 'dns',
  dependsOn: ['configuration'],
  async run({ session, signal }): Promise<CheckOutcome> {
    const { host } = session.settings;
    if (host.startsWith('/')) return { status: 'skip', observed: { host }, message: 'a Unix-domain socket directory: no name to resolve' };
    const neon = readNeonHost(host);
    const neonObserved = neon ? { neon: { endpointId: neon.endpointId, pooled: neon.pooled } } : {};
    const family = isIP(host);
    if (family !== 0) {
      session.addresses = [{ address: host, family: family as 4 | 6 }];
      return { status: 'pass', observed: { host, addresses: session.addresses, resolved: false } };
    }
    const startedAt = performance.now();
    const found = await abortable(lookup(host, { all: true, verbatim: true }), signal);
    const lookupMs = Math.round(performance.now() - startedAt);
    session.timings.dns = lookupMs;
    session.addresses = found.map(({ address, family: f }) => ({ address, family: f as 4 | 6 }));
    const ipv4 = session.addresses.filter((a) => a.family === 4).length;
    const ipv6 = session.addresses.length - ipv4;
    const observed = { host, addresses: session.addresses, ipv4, ipv6, lookupMs, ...neonObserved };
    if (ipv4 === 0) {
      return { status: 'warn', observed, message: `${host} has only IPv6 addresses: an IPv4-only network (many containers and CI runners) cannot reach it` };
    }
    return { status: 'pass', observed };
  },
};
