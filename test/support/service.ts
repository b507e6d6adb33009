// The real service, in-process, on a loopback port the kernel picks.
import { after, before } from 'node:test';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { startCluster, type TestCluster } from './cluster.ts';
import { createLogger, startService, type RunningService } from '../../src/server.ts';

export interface TestService extends RunningService {
  /** Every log line the service wrote, as JSON text. */
  logs: string[];
}

export async function startTestService(env: Record<string, string>): Promise<TestService> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  // Tests of other features post faster than a person; the limiter has its own tests.
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', RATE_LIMIT_WRITES_PER_MINUTE: '100000', ...env });
  // The service's own logger (with its secret redaction), writing to the sink.
  const service = await startService({ config, logger: createLogger({ logLevel: 'info' }, sink) });
  return Object.assign(service, { logs });
}

/** A fetch that keeps cookies like a browser tab (one jar per client). */
export function cookieClient(baseUrl: string) {
  let cookie = '';
  return {
    get cookie() {
      return cookie;
    },
    async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
      const response = await fetch(new URL(path, baseUrl), {
        method,
        signal,
        headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] as string;
      const text = await response.text();
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      return { status: response.status, headers: response.headers, json, text };
    },
  };
}

/**
 * A cluster of this test file's own with the service on it (store and probe
 * target), started before the file's tests and stopped after them.
 */
export function serviceOnOwnCluster(env: Record<string, string> = {}): { readonly cluster: TestCluster; readonly service: TestService } {
  const running = {} as { cluster: TestCluster; service: TestService };
  before(async () => {
    running.cluster = await startCluster();
    running.service = await startTestService({ STORE_URL: running.cluster.url(), DATABASE_URL: running.cluster.url(), ...env });
  });
  after(async () => {
    await running.service?.close();
    await running.cluster?.stop();
  });
  return running;
}
