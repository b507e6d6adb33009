// The probe's one target: DATABASE_URL, or the embedded demo database when it
// is unset (README "Configuration"). Read the way libpq reads it (src/connstr), so
// sslmode, the default port and the default database mean what they mean to
// psql; nothing a user pastes in the chat ever becomes a target.
import { userInfo } from 'node:os';
import { readFileSync } from 'node:fs';
import type tls from 'node:tls';
import type pg from 'pg';
import { parseConninfo, type LibpqParse } from '../connstr/parse.ts';
import { redactFragments } from '../connstr/redact.ts';

export type TargetSource = 'DATABASE_URL' | 'embedded';

/** libpq's sslmode values (libpq-connect, "sslmode"); `prefer` is its default. */
export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export interface TargetSettings {
  /** The first host of the list: libpq tries them in order, the probe reports on the first. */
  readonly host: string;
  readonly hostCount: number;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** Non-enumerable: never in JSON, logs or replies. */
  readonly password: string | null;
  readonly sslmode: SslMode;
  readonly sslrootcert: string | null;
  readonly channelBinding: string | null;
  readonly connectTimeoutSeconds: number | null;
  readonly options: string | null;
}

export interface ProbeTarget {
  readonly source: TargetSource;
  /** The string as configured; non-enumerable (it holds the password). */
  readonly url: string;
  /** How libpq reads the string; the password inside never leaves this module. */
  readonly parse: LibpqParse;
  /** Null when the string does not parse (the configuration check says why). */
  readonly settings: TargetSettings | null;
  /** Cuts every secret of the string out of a text meant for people. */
  redact(text: string): string;
}

/** `{host, port, database, user}` for `doctor --json` (contract): never the password. */
export interface PublicTarget {
  host: string | null;
  port: number | null;
  database: string | null;
  user: string | null;
}

export function resolveTarget({ url, source }: { url: string; source: TargetSource }): ProbeTarget {
  const parse = parseConninfo(url);
  const fragments = parse.ok ? parse.secretFragments : parse.error.secretFragments;
  const redact = (text: string) => redactFragments(text, fragments);
  const target: ProbeTarget = { source, url, parse, settings: parse.ok ? settingsOf(parse.options) : null, redact };
  // The URL holds the password: keep it off the enumerable surface.
  Object.defineProperty(target, 'parse', { enumerable: false });
  Object.defineProperty(target, 'url', { enumerable: false });
  return Object.freeze(target);
}

function settingsOf(options: Readonly<Record<string, string>>): TargetSettings {
  const hosts = (options.host ?? options.hostaddr ?? 'localhost').split(',');
  const ports = (options.port ?? '5432').split(',');
  const user = options.user ?? userInfo().username;
  const sslmode = (options.sslmode ?? 'prefer') as SslMode;
  const settings = {
    host: hosts[0] || 'localhost',
    hostCount: hosts.length,
    port: Number(ports[0] || '5432'),
    // libpq: the database defaults to the user name.
    database: options.dbname ?? user,
    user,
    password: null as string | null,
    sslmode: SSL_MODES.includes(sslmode) ? sslmode : 'prefer',
    sslrootcert: options.sslrootcert ?? null,
    channelBinding: options.channel_binding ?? null,
    connectTimeoutSeconds: options.connect_timeout === undefined ? null : Number(options.connect_timeout),
    options: options.options ?? null,
  };
  Object.defineProperty(settings, 'password', { value: options.password ?? null, enumerable: false });
  return Object.freeze(settings);
}

export function publicTarget(target: ProbeTarget): PublicTarget {
  const s = target.settings;
  return { host: s?.host ?? null, port: s?.port ?? null, database: s?.database ?? null, user: s?.user ?? null };
}

export function isIpAddressHost(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

/** What the TLS layer found out, which decides how node-postgres must be told to connect. */
export interface TlsDecision {
  /** The server accepted the SSLRequest and the probe's sslmode wants TLS. */
  readonly encrypt: boolean;
  /** Verify the chain (verify-ca, verify-full) and the host name (verify-full). */
  readonly verifyChain: boolean;
  readonly verifyHost: boolean;
}

/** libpq's meaning of sslmode, before any observation (allow/prefer depend on the server). */
export function libpqTlsIntent(sslmode: SslMode): { wants: 'never' | 'if_offered' | 'always'; verifyChain: boolean; verifyHost: boolean } {
  switch (sslmode) {
    case 'disable':
      return { wants: 'never', verifyChain: false, verifyHost: false };
    case 'allow':
    case 'prefer':
      return { wants: 'if_offered', verifyChain: false, verifyHost: false };
    case 'require':
      return { wants: 'always', verifyChain: false, verifyHost: false };
    case 'verify-ca':
      return { wants: 'always', verifyChain: true, verifyHost: false };
    case 'verify-full':
      return { wants: 'always', verifyChain: true, verifyHost: true };
  }
}

/** The CA bundle sslrootcert names (libpq reads it from disk the same way), or the system store. */
export function caOf(settings: TargetSettings): string | undefined {
  if (settings.sslrootcert === null || settings.sslrootcert === 'system') return undefined;
  return readFileSync(settings.sslrootcert, 'utf8');
}

/**
 * node-postgres settings that connect the way libpq would with this string:
 * node-postgres itself reads `sslmode=require` as verify-full
 * (pg-connection-string index.js), so the probe passes explicit `ssl`
 * options instead of the URL's sslmode.
 */
export function nodePostgresConfig(settings: TargetSettings, tls: TlsDecision, extra: { applicationName: string; connectionTimeoutMillis: number }): pg.ClientConfig {
  const ssl: tls.ConnectionOptions | false = tls.encrypt
    ? {
        rejectUnauthorized: tls.verifyChain,
        ca: tls.verifyChain ? caOf(settings) : undefined,
        ...(tls.verifyChain && !tls.verifyHost ? { checkServerIdentity: () => undefined } : {}),
        ...(isIpAddressHost(settings.host) ? {} : { servername: settings.host }),
      }
    : false;
  const config: pg.ClientConfig = {
    host: settings.host,
    port: settings.port,
    user: settings.user,
    database: settings.database,
    ssl,
    application_name: extra.applicationName,
    connectionTimeoutMillis: extra.connectionTimeoutMillis,
    ...(settings.options ? { options: settings.options } : {}),
    ...(settings.channelBinding === 'require' ? { enableChannelBinding: true } : {}),
  };
  Object.defineProperty(config, 'password', { value: settings.password ?? undefined, enumerable: false });
  return config;
}

/**
 * The same as a connection string for the resilient pool (which takes only a
 * string): pg-connection-string's `sslmode=no-verify` and libpq-compatible
 * modes, so that it reads the TLS settings as libpq would.
 */
export function nodePostgresUrl(settings: TargetSettings, tls: TlsDecision): string {
  const host = isIpAddressHost(settings.host) && settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const auth = `${encodeURIComponent(settings.user)}${settings.password === null ? '' : `:${encodeURIComponent(settings.password)}`}`;
  const params = new URLSearchParams();
  if (!tls.encrypt) params.set('sslmode', 'disable');
  else if (!tls.verifyChain) params.set('sslmode', 'no-verify');
  else {
    params.set('uselibpqcompat', 'true');
    params.set('sslmode', tls.verifyHost ? 'verify-full' : 'verify-ca');
    if (settings.sslrootcert && settings.sslrootcert !== 'system') params.set('sslrootcert', settings.sslrootcert);
  }
  if (settings.options) params.set('options', settings.options);
  return `postgresql://${auth}@${host}:${settings.port}/${encodeURIComponent(settings.database)}?${params.toString()}`;
}

export function redactedMessage(target: ProbeTarget, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return target.redact(message);
}
