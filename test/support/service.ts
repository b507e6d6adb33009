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

type Settings = Record<string, string>;
/** Settings, or a function giving them, read when the service starts. */
type SettingsWhenStarted = Settings | (() => Settings | Promise<Settings>);
interface ServiceOptions {
  samePortOnRestart?: boolean;
}

/** The service on `cluster`'s store, probing it too unless `env` says otherwise. */
export function startServiceOn(cluster: TestCluster, env: Settings = {}): Promise<TestService> {
  return startTestService({ STORE_URL: cluster.url(), DATABASE_URL: cluster.url(), ...env });
}

/** The service for the tests of a file or a describe, as `serviceForTests` gives it. */
export interface ServiceForTests {
  /** The service now running (a new one after `restart`). */
  readonly service: TestService;
  /**
   * Stops the service and starts it again on the same store, with the same
   * settings. `whileDown` runs once it is down, before it starts again.
   */
  restart(options?: { whileDown?: () => unknown }): Promise<TestService>;
  /** Another service on the same store (and probe target, unless `env` says otherwise), closed with the first. */
  another(env?: Settings): Promise<TestService>;
}

/**
 * The service on `cluster()`'s store for the tests of the file or describe
 * this is called in: started before them (a setUp hook), closed after them.
 * `env` adds settings; as a function it is read in that hook (for a value an
 * earlier hook makes, e.g. a fake model server's URL). `samePortOnRestart`: a
 * fixed port, so a restarted service comes back on the same origin, as it
 * does for a user.
 */
export function serviceForTests(
  cluster: () => TestCluster,
  env: SettingsWhenStarted = {},
  { samePortOnRestart = false }: ServiceOptions = {},
): ServiceForTests {
  let service: TestService | undefined;
  let settings: Settings = {};
  const others: TestService[] = [];
  setUp(async () => {
    const port: Settings = samePortOnRestart ? { PORT: String(await freePort()) } : {};
    settings = { ...port, ...(typeof env === 'function' ? await env() : env) };
    service = await startServiceOn(cluster(), settings);
  });
  after(async () => {
    for (const other of others) await other.close();
    await service?.close();
  });
  return {
    get service() {
      return started(service, 'the service');
    },
    async restart({ whileDown } = {}) {
      await service?.close();
      service = undefined;
      await whileDown?.();
      service = await startServiceOn(cluster(), settings);
      return service;
    },
    async another(env = {}) {
      const other = await startServiceOn(cluster(), env);
      others.push(other);
      return other;
    },
  };
}

/** A cluster of this test file's own with the service on it, as `serviceOnOwnCluster` gives it. */
export interface ServiceOnCluster extends ServiceForTests {
  readonly cluster: TestCluster;
}

/**
 * A cluster of this test file's own with the service on it (store and probe
 * target): `serviceForTests` (same settings) on a cluster started before it
 * and stopped after it is closed.
 */
export function serviceOnOwnCluster(env: SettingsWhenStarted = {}, options: ServiceOptions = {}): ServiceOnCluster {
  let cluster: TestCluster | undefined;
  const own = () => started(cluster, 'the cluster');
  setUp(async () => {
    cluster = await startCluster();
  });
  // Registered between the cluster's hooks: the service starts after the cluster and closes before it stops.
  const running = serviceForTests(own, env, options);
  after(async () => {
    await cluster?.stop();
  });
  return Object.defineProperty(running, 'cluster', { get: own }) as ServiceOnCluster;
}
