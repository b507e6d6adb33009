// The only reader of the environment (.env.example lists it all): read once,
// validated, frozen, passed down. A bad value stops the start with one line
// that names the variable and the fix, and never echoes the value.
import { parse as parseDotenv } from 'dotenv';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_POOL_SETTINGS, type PoolSettings } from './db/pool.ts';

export type PoolConfig = Omit<PoolSettings, 'name' | 'connectionString'>;

export interface Config {
  /** The database under triage; null means the embedded demo database. */
  databaseUrl: string | null;
  /** Where conversations live; null means the embedded PostgreSQL. */
  storeUrl: string | null;
  /** Phrasing: used when apiKey or baseUrl is set; timeoutMs bounds each model call, retry included. */
  openai: { apiKey: string | null; baseUrl: string | null; model: string; timeoutMs: number };
  host: string;
  port: number;
  token: string | null;
  /** Host names (no port) the service answers to; anything else is refused (DNS rebinding). */
  allowedHosts: string[];
  /** Every request is answered within this, with 503 PGT_ERR_REQUEST_TIMEOUT at the latest; shutdown waits as long for requests in flight. */
  requestTimeoutMs: number;
  /** Writes a client may make per minute on /api, counted across instances; 0 turns the limit off. */
  rateLimitWritesPerMinute: number;
  probeAllowWrites: boolean;
  probeExpectedTables: string[];
  /** The whole probe run's budget (doctor, sanity, a chat verify), teardown included. */
  probeTimeoutMs: number;
  /** Folder of the embedded PostgreSQL (data, credentials). */
  dataDir: string;
  /** Port of the embedded PostgreSQL, on 127.0.0.1. */
  embeddedPort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Sizing and resilience of every pool (docs/pool.md). */
  pool: PoolConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly variable: string;
  constructor({ variable, problem, fix }: { variable: string; problem: string; fix: string }) {
    super(`${variable}: ${problem}; ${fix}`);
    this.variable = variable;
  }
}

type Env = Record<string, string | undefined>;

/** The environment as the service sees it: `.env` in `cwd` under the real environment. */
export function readEnvironment({ cwd = process.cwd(), env = process.env }: { cwd?: string; env?: Env } = {}): Env {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...env };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env, { cwd = process.cwd() }: { cwd?: string } = {}): Readonly<Config> {
  const host = text(env, 'HOST') ?? '127.0.0.1';
  const token = text(env, 'PGTRIAGE_TOKEN');
  if (!isLoopback(host) && token === null) {
    throw new ConfigError({
      variable: 'PGTRIAGE_TOKEN',
      problem: `required when HOST is not a loopback address`,
      fix: 'set it to a long random string (openssl rand -hex 32) or bind HOST=127.0.0.1',
    });
  }
  if (token !== null && token.length < 16) {
    throw new ConfigError({ variable: 'PGTRIAGE_TOKEN', problem: 'shorter than 16 characters', fix: 'use a long random string (openssl rand -hex 32)' });
  }
  const logLevel = text(env, 'LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError({ variable: 'LOG_LEVEL', problem: 'not a log level', fix: `use one of ${LOG_LEVELS.join(', ')}` });
  }
  const config: Config = {
    // The database under triage may be broken in ways libpq still accepts;
    // only the store, which pgtriage itself must reach, is held to a strict URL.
    databaseUrl: postgresUrl(env, 'DATABASE_URL', { strict: false }),
    storeUrl: postgresUrl(env, 'STORE_URL', { strict: true }),
    openai: {
      apiKey: text(env, 'OPENAI_API_KEY'),
      baseUrl: httpUrl(env, 'OPENAI_BASE_URL'),
      model: text(env, 'OPENAI_MODEL') ?? 'gpt-4o-mini',
      timeoutMs: count(env, 'OPENAI_TIMEOUT_MS', 15000, { min: 1 }),
    },
    host,
    port: portNumber(env, 'PORT', 3000),
    token,
    allowedHosts: hostList(env, 'PGTRIAGE_ALLOWED_HOSTS', host),
    requestTimeoutMs: count(env, 'REQUEST_TIMEOUT_MS', 15_000, { min: 1 }),
    rateLimitWritesPerMinute: count(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 120, { min: 0 }),
    probeAllowWrites: bool(env, 'PROBE_ALLOW_WRITES', false),
    probeExpectedTables: tableList(env, 'PROBE_EXPECTED_TABLES'),
    probeTimeoutMs: count(env, 'PROBE_TIMEOUT_MS', 15_000, { min: 1_000 }),
    dataDir: resolve(cwd, text(env, 'PGTRIAGE_DATA_DIR') ?? '.data'),
    embeddedPort: portNumber(env, 'EMBEDDED_PG_PORT', 54329),
    logLevel: logLevel as Config['logLevel'],
    pool: {
      ...DEFAULT_POOL_SETTINGS,
      poolSize: count(env, 'POOL_SIZE', DEFAULT_POOL_SETTINGS.poolSize, { min: 1 }),
      maxOverflow: count(env, 'POOL_MAX_OVERFLOW', DEFAULT_POOL_SETTINGS.maxOverflow, { min: 0 }),
      overflowIdleMs: count(env, 'POOL_OVERFLOW_IDLE_MS', DEFAULT_POOL_SETTINGS.overflowIdleMs, { min: 0 }),
      prePing: bool(env, 'POOL_PRE_PING', DEFAULT_POOL_SETTINGS.prePing),
      prePingBypassMs: count(env, 'POOL_PRE_PING_BYPASS_MS', DEFAULT_POOL_SETTINGS.prePingBypassMs, { min: 0 }),
      maxLifetimeSeconds: count(env, 'POOL_RECYCLE_SECONDS', DEFAULT_POOL_SETTINGS.maxLifetimeSeconds, { min: 0 }),
      idleTimeoutMs: count(env, 'POOL_IDLE_TIMEOUT_MS', DEFAULT_POOL_SETTINGS.idleTimeoutMs, { min: 1 }),
      connectionTimeoutMs: count(env, 'POOL_CONNECT_TIMEOUT_MS', DEFAULT_POOL_SETTINGS.connectionTimeoutMs, { min: 1 }),
      queryTimeoutMs: count(env, 'POOL_QUERY_TIMEOUT_MS', DEFAULT_POOL_SETTINGS.queryTimeoutMs, { min: 1 }),
      keepAlive: bool(env, 'POOL_KEEPALIVE', DEFAULT_POOL_SETTINGS.keepAlive),
      retryMaxAttempts: count(env, 'POOL_RETRY_ATTEMPTS', DEFAULT_POOL_SETTINGS.retryMaxAttempts, { min: 1 }),
    },
  };
  return Object.freeze({
    ...config,
    openai: Object.freeze(config.openai),
    probeExpectedTables: Object.freeze(config.probeExpectedTables) as string[],
    allowedHosts: Object.freeze(config.allowedHosts) as string[],
    pool: Object.freeze(config.pool),
  });
}

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

function postgresUrl(env: Env, name: string, { strict }: { strict: boolean }): string | null {
  const value = text(env, name);
  if (value === null) return null;
  if (!/^postgres(?:ql)?:\/\//i.test(value)) {
    throw new ConfigError({ variable: name, problem: 'not a postgresql:// URL', fix: 'use postgresql://USER:PASSWORD@HOST/DB?sslmode=require (Neon console, "Connect")' });
  }
  if (strict && !URL.canParse(value)) {
    throw new ConfigError({ variable: name, problem: 'not a valid URL', fix: 'percent-encode special characters in the password (`npx pgtriage parse -` shows which)' });
  }
  return value;
}

function httpUrl(env: Env, name: string): string | null {
  const value = text(env, name);
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError({ variable: name, problem: 'not a valid URL', fix: 'use the base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError({ variable: name, problem: 'not an http(s) URL', fix: 'use the base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1' });
  }
  return value;
}

function portNumber(env: Env, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === null) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new ConfigError({ variable: name, problem: 'not a port number', fix: 'use a whole number from 0 to 65535' });
  }
  return port;
}

function count(env: Env, name: string, fallback: number, { min }: { min: number }): number {
  const value = text(env, name);
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new ConfigError({ variable: name, problem: 'not a whole number in range', fix: `use a whole number of at least ${min}` });
  }
  return Number(value);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError({ variable: name, problem: 'not a boolean', fix: 'use true or false' });
}

function tableList(env: Env, name: string): string[] {
  const value = text(env, name);
  if (value === null) return [];
  const tables = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = tables.find((table) => !/^[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)?$/.test(table));
  if (bad !== undefined) {
    throw new ConfigError({ variable: name, problem: `"${bad}" is not a table name`, fix: 'list tables as schema.table or table, comma-separated (public.users,expenses)' });
  }
  return tables;
}

// The loopback names by default, and HOST itself when it is a name or address
// other than a wildcard (0.0.0.0 and :: are not names a browser opens).
function hostList(env: Env, name: string, host: string): string[] {
  const value = text(env, name);
  if (value === null) {
    const own = host === '0.0.0.0' || host === '::' ? [] : [host.includes(':') ? `[${host}]` : host];
    return [...new Set(['localhost', '127.0.0.1', '[::1]', ...own.map((each) => each.toLowerCase())])];
  }
  const hosts = value.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  const bad = hosts.find((entry) => !/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])$/.test(entry));
  if (bad !== undefined || hosts.length === 0) {
    throw new ConfigError({ variable: name, problem: `"${bad ?? ''}" is not a host name`, fix: 'list host names without scheme or port, comma-separated (localhost,pgtriage.internal,[::1])' });
  }
  return hosts;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
