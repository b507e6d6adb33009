// The real service, in-process, on a loopback port the kernel picks.
import { after } from 'node:test';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { startCluster, type TestCluster } from './cluster.ts';
import { freePort } from './ports.ts';
import { setUp, started } from './setup.ts';
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

/** A cluster of this test file's own with the service on it, as `serviceOnOwnCluster` gives it. */
export interface ServiceOnCluster {
  readonly cluster: TestCluster;
  /** The service now running (a new one after `restart`). */
  readonly service: TestService;
  /** Stops the service and starts it again on the same store, with the same settings. */
  restart(): Promise<TestService>;
  /** Another service on the same store (and probe target, unless `env` says otherwise), closed before the cluster stops. */
  another(env?: Record<string, string>): Promise<TestService>;
}

/**
 * A cluster of this test file's own with the service on it (store and probe
 * target), started before the file's tests (a setUp hook) and stopped after
 * them. `env` may be a function, read in that hook (for a value an earlier
 * hook makes, e.g. a fake model server's URL). `samePortOnRestart`: a fixed port, so a
 * restarted service comes back on the same origin, as it does for a user.
 */
export function serviceOnOwnCluster(
  env: Record<string, string> | (() => Record<string, string>) = {},
  { samePortOnRestart = false }: { samePortOnRestart?: boolean } = {},
): ServiceOnCluster {
  let cluster: TestCluster | undefined;
  let service: TestService | undefined;
  let settings: Record<string, string> = {};
  const others: TestService[] = [];
  setUp(async () => {
    cluster = await startCluster();
    const port: Record<string, string> = samePortOnRestart ? { PORT: String(await freePort()) } : {};
    settings = { STORE_URL: cluster.url(), DATABASE_URL: cluster.url(), ...port, ...(typeof env === 'function' ? env() : env) };
    service = await startTestService(settings);
  });
  after(async () => {
    for (const other of others) await other.close();
    await service?.close();
    await cluster?.stop();
  });
  return {
    get cluster() {
      return started(cluster, 'the cluster');
    },
    get service() {
      return started(service, 'the service');
    },
    async restart() {
      await service?.close();
      service = undefined;
      service = await startTestService(settings);
      return service;
    },
    async another(env = {}) {
      const url = started(cluster, 'the cluster').url();
      const other = await startTestService({ STORE_URL: url, DATABASE_URL: url, ...env });
      others.push(other);
      return other;
    },
  };
}
