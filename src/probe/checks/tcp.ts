// Layer 2: a TCP connection to the server's port, trying each resolved
// address in order as libpq does; libpq's connect_timeout bounds each try.
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CheckOutcome, ProbeCheck } from '../types.ts';

export const tcp: ProbeCheck = {
  id: 'tcp',
  dependsOn: ['dns'],
  async run({ session, signal, timeoutMs }): Promise<CheckOutcome> {
    const { port, connectTimeoutSeconds } = session.settings;
    const perTryMs = connectTimeoutSeconds ? Math.min(connectTimeoutSeconds * 1000, timeoutMs) : timeoutMs;
    const attempts: { address: string; family: number; ms: number; error?: string }[] = [];
    let lastError: Error | null = null;
    for (const { address, family } of session.addresses) {
      const startedAt = performance.now();
      try {
        const socket = await openSocket({ host: address, port, timeoutMs: perTryMs, signal });
        socket.destroy();
        const ms = Math.round(performance.now() - startedAt);
        attempts.push({ address, family, ms });
        session.timings.tcp = ms;
        session.connectedAddress = address;
        return { status: attempts.length > 1 ? 'warn' : 'pass', observed: { address, port, connectMs: ms, attempts }, ...(attempts.length > 1 ? { message: `the first ${attempts.length - 1} address(es) failed before ${address} connected` } : {}) };
      } catch (error) {
        lastError = error as Error;
        attempts.push({ address, family, ms: Math.round(performance.now() - startedAt), error: (error as Error).message });
        if (signal.aborted) break;
      }
    }
    throw Object.assign(lastError ?? new Error('no address to connect to'), { observed: { port, attempts } });
  },
};

/** A connected socket, or Node's own error (`connect ECONNREFUSED 127.0.0.1:5432`), or libpq's `timeout expired`. */
export function openSocket({ host, port, timeoutMs, signal }: { host: string; port: number; timeoutMs: number; signal: AbortSignal }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, signal });
    const timer = setTimeout(() => {
      socket.destroy();
      // libpq's wording when connect_timeout passes (fe-connect.c).
      reject(new Error(`timeout expired: no TCP connection to ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => {});
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}
