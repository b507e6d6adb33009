// The checks libpq makes on values after parsing and before any packet is
// sent (connectOptions2 and the per-host start of PQconnectPoll in
// fe-connect.c): PQconninfoParse accepts `sslmode=bogus` or `port=abc`, but
// a connection attempt fails on them at once. Messages are libpq's own.
// Not covered, as in the oracle's --connect-check: connect_timeout and
// keepalives* (checked only once a socket exists) and `service` (depends on
// the machine's service files).
import { isCSpace } from './parse-keyword-value.ts';

const ENUMS: ReadonlyArray<readonly [string, readonly string[], number]> = [
  ['channel_binding', ['disable', 'prefer', 'require'], 13],
  ['sslmode', ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'], 9],
];
const SSL_VERSIONS = ['', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

function countElements(list: string): number {
  return list.split(',').length;
}

/** libpq's parse_int_param: strtol (leading space, sign) then only trailing space. */
export function parseLibpqInt(value: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(value);
  if (m === null) return undefined;
  const rest = value.slice(m[0].length);
  if ([...rest].some((c) => !isCSpace(c))) return undefined;
  const n = Number(m[1]);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

// C strtoul with base 0, as inet_aton reads each part: 0x.. hex, 0.. octal.
function cNumber(part: string): number | undefined {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
  if (/^0[0-7]*$/.test(part)) return Number.parseInt(part, 8);
  if (/^[1-9][0-9]*$/.test(part)) return Number(part);
  return undefined;
}

// glibc's inet_aton: 1 to 4 parts; the last part fills the remaining bytes.
function isInetAton(text: string): boolean {
  const parts = text.split('.');
  if (parts.length > 4) return false;
  const nums = parts.map(cNumber);
  if (nums.some((n) => n === undefined)) return false;
  const values = nums as number[];
  const last = values[values.length - 1] as number;
  const lead = values.slice(0, -1);
  return lead.every((n) => n <= 255) && last < 2 ** (8 * (4 - lead.length));
}

// getaddrinfo(AI_NUMERICHOST) as the oracle's machine answers it: IPv4 in
// inet_aton's forms ("127.1", "0x7f.0.0.1") or an IPv6 literal, whose %scope
// must name an interface (only "lo" in the oracle's namespace) or be a number.
function isNumericAddress(text: string): boolean {
  if (isInetAton(text)) return true;
  const [addr, scope, extra] = text.split('%');
  if (extra !== undefined || addr === undefined || !addr.includes(':') || !/^[0-9a-f:.]+$/i.test(addr) || addr.split('::').length > 2) return false;
  return scope === undefined || scope === 'lo' || /^\d+$/.test(scope);
}

export function validateLikeLibpq(options: Readonly<Record<string, string>>, libpqMajor: number): string[] {
  const host = options.host ?? '';
  const hostaddr = options.hostaddr ?? '';
  const port = options.port ?? '';
  const nhosts = hostaddr !== '' ? countElements(hostaddr) : host !== '' ? countElements(host) : 1;
  if (host !== '' && countElements(host) !== nhosts) {
    return [`could not match ${countElements(host)} host names to ${nhosts} hostaddr values`];
  }
  let ports: string[] = [];
  if (port !== '') {
    ports = port.split(',');
    if (ports.length === 1) ports = Array<string>(nhosts).fill(ports[0] as string);
    else if (ports.length !== nhosts) return [`could not match ${ports.length} port numbers to ${nhosts} hosts`];
  }
  for (const [keyword, allowed, since] of ENUMS) {
    const value = options[keyword];
    if (since <= libpqMajor && value !== undefined && !allowed.includes(value)) {
      return [keyword === 'sslmode' ? `invalid sslmode value: "${value}"` : `invalid ${keyword} value: "${value}"`];
    }
  }
  if (libpqMajor >= 16 && options.sslrootcert === 'system' && options.sslmode !== undefined && options.sslmode !== 'verify-full') {
    return [`weak sslmode "${options.sslmode}" may not be used with sslrootcert=system (use "verify-full")`];
  }
  for (const keyword of ['ssl_min_protocol_version', 'ssl_max_protocol_version']) {
    const value = options[keyword];
    if (value !== undefined && !SSL_VERSIONS.includes(value)) return [`invalid ${keyword} value: "${value}"`];
  }
  // Unset, the minimum is libpq's compiled-in default TLSv1.2 (PQconninfoOptions).
  const min = SSL_VERSIONS.indexOf(options.ssl_min_protocol_version ?? 'TLSv1.2');
  const max = SSL_VERSIONS.indexOf(options.ssl_max_protocol_version ?? '');
  if (min > 0 && max > 0 && min > max) return ['invalid SSL protocol version range'];
  const more: ReadonlyArray<readonly [string, readonly string[], number]> = [
    ['gssencmode', ['disable', 'prefer', 'require'], 12],
    ['target_session_attrs', ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'], 10],
    ['load_balance_hosts', ['disable', 'random'], 16],
    ['sslcertmode', ['disable', 'allow', 'require'], 16],
    ['sslnegotiation', ['postgres', 'direct'], 17],
  ];
  for (const [keyword, allowed, since] of more) {
    const value = options[keyword];
    if (since <= libpqMajor && value !== undefined && !allowed.includes(value)) return [`invalid ${keyword} value: "${value}"`];
  }
  if (libpqMajor >= 17 && options.sslnegotiation === 'direct' && !['require', 'verify-ca', 'verify-full'].includes(options.sslmode ?? 'prefer')) {
    return [`weak sslmode "${options.sslmode ?? 'prefer'}" may not be used with sslnegotiation=direct (use "require", "verify-ca", or "verify-full")`];
  }
  // PQconnectPoll tries every host in turn: a port out of range or an
  // unparsable hostaddr adds a line and moves on, a port that is not an
  // integer ends the attempt (goto error_return).
  const errors: string[] = [];
  const hostaddrs = hostaddr !== '' ? hostaddr.split(',') : [];
  let stopped = false;
  for (let i = 0; i < nhosts && !stopped; i++) {
    const p = ports[i] ?? '';
    if (p !== '') {
      const n = parseLibpqInt(p);
      if (n === undefined) {
        errors.push(`invalid integer value "${p}" for connection option "port"`);
        stopped = true;
        continue;
      }
      if (n < 1 || n > 65535) {
        errors.push(`invalid port number: "${p}"`);
        continue;
      }
    }
    const addr = hostaddrs[i] ?? '';
    if (addr !== '' && !isNumericAddress(addr)) errors.push(`could not parse network address "${addr}": Name or service not known`);
  }
  // prefer-standby walks the host list twice (standbys first, then any).
  if (!stopped && options.target_session_attrs === 'prefer-standby') return [...errors, ...errors];
  return errors;
}

// Parsed only once the connection is under way (connectDBComplete for
// connect_timeout, setKeepalives* and setTCPUserTimeout once a socket
// exists), so the oracle's --connect-check cannot see them; same wording.
const LATER_INTEGERS = ['connect_timeout', 'keepalives', 'keepalives_idle', 'keepalives_interval', 'keepalives_count', 'tcp_user_timeout'];

export function validateLaterLikeLibpq(options: Readonly<Record<string, string>>): string[] {
  return LATER_INTEGERS.filter((k) => options[k] !== undefined && options[k] !== '' && parseLibpqInt(options[k] as string) === undefined).map(
    (k) => `invalid integer value "${options[k]}" for connection option "${k}"`,
  );
}
