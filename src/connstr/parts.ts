// The parts of a parsed string as a user thinks of them (`parse --json`
// prints them as `parts`: scheme, user, password present or not, hosts with ports, dbname, params),
// derived from libpq's keyword map the way libpq pairs hosts and ports.
import { isSecretKeyword } from './libpq-options.ts';
import { REDACTED } from './redact.ts';

/**
 * Cuts each piece of a password that libpq put into this value where it
 * landed: at its first occurrence (the password ran into the start of the
 * host, port or path), not wherever the same letters recur.
 */
function cutSpilled(value: string, pieces: readonly string[] | undefined): string {
  let out = value;
  for (const piece of [...(pieces ?? [])].sort((a, b) => b.length - a.length)) {
    const at = out.indexOf(piece);
    if (piece !== '' && at !== -1) out = `${out.slice(0, at)}${REDACTED}${out.slice(at + piece.length)}`;
  }
  return out;
}

export type HostKind = 'name' | 'ip' | 'socket_dir' | 'default';

export interface HostPart {
  /** null: libpq's default (a Unix socket in its compiled-in directory). */
  readonly host: string | null;
  readonly hostaddr?: string;
  /** As libpq will use it; null: the default 5432. */
  readonly port: string | null;
  readonly kind: HostKind;
}

export interface ConnstrParts {
  readonly scheme: 'postgresql' | 'postgres' | null;
  readonly user: string | null;
  readonly password: { readonly present: boolean; readonly where: 'userinfo' | 'query' | 'keyword' | null };
  readonly hosts: readonly HostPart[];
  /** null: libpq uses the user name as the database name. */
  readonly dbname: string | null;
  /** Every other keyword libpq read, secrets redacted. */
  readonly params: Readonly<Record<string, string>>;
}

const CORE = new Set(['user', 'password', 'host', 'hostaddr', 'port', 'dbname']);

function hostKind(host: string): HostKind {
  // libpq's is_unixsock_path: an absolute path, or '@' for Linux's abstract namespace.
  if (host.startsWith('/') || host.startsWith('@')) return 'socket_dir';
  if (/^[0-9.]+$/.test(host) || host.includes(':')) return 'ip';
  return 'name';
}

export function buildParts(
  text: string,
  options: Readonly<Record<string, string>>,
  form: 'uri' | 'keyword_value',
  spilled: Readonly<Record<string, readonly string[]>>,
): ConnstrParts {
  // A piece of a password cut short by libpq is cut out of the value it landed in.
  const safe = (value: string, key: string) => cutSpilled(value, spilled[key]);
  const hostList = options.host !== undefined && options.host !== '' ? options.host.split(',') : [];
  const addrList = options.hostaddr !== undefined && options.hostaddr !== '' ? options.hostaddr.split(',') : [];
  const count = Math.max(hostList.length, addrList.length, 1);
  const portList = options.port !== undefined && options.port !== '' ? options.port.split(',') : [];
  const hosts: HostPart[] = [];
  for (let i = 0; i < count; i++) {
    const host = hostList[i] ?? '';
    const addr = addrList[i] ?? '';
    const port = portList.length === 1 ? (portList[0] as string) : (portList[i] ?? '');
    hosts.push({
      host: host === '' ? null : safe(host, 'host'),
      ...(addr !== '' ? { hostaddr: addr } : {}),
      port: port === '' ? null : safe(port, 'port'),
      kind: host !== '' ? hostKind(host) : addr !== '' ? 'ip' : 'default',
    });
  }
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!CORE.has(key)) params[key] = isSecretKeyword(key) ? REDACTED : value;
  }
  const scheme = form === 'uri' ? (text.startsWith('postgresql://') ? 'postgresql' : 'postgres') : null;
  let where: ConnstrParts['password']['where'] = null;
  if (options.password !== undefined) {
    if (form === 'keyword_value') where = 'keyword';
    else where = /[?&]password=/.test(text) ? 'query' : 'userinfo';
  }
  return {
    scheme,
    user: options.user === undefined ? null : options.user,
    password: { present: options.password !== undefined && options.password !== '', where },
    hosts,
    dbname: options.dbname === undefined ? null : safe(options.dbname, 'dbname'),
    params,
  };
}

/** libpq's map for display: secrets replaced, spilled password pieces cut out. */
export function safeLibpqMap(options: Readonly<Record<string, string>>, spilled: Readonly<Record<string, readonly string[]>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    out[key] = isSecretKeyword(key) ? REDACTED : cutSpilled(value, spilled[key]);
  }
  return out;
}
