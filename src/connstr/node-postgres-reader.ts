// How node-postgres reads the same string: pg's Client hands a connection
// string to pg-connection-string (node_modules/pg/lib/connection-parameters.js),
// so we ask that very library and compare with libpq. Two guards keep the
// call pure: sslcert/sslkey/sslrootcert are taken out first because
// pg-connection-string reads those files from disk (a pasted
// `sslrootcert=/dev/zero` must not hang the service), and its one-time
// `process.emitWarning` about sslmode aliases is held back for the duration
// of the call so the CLI's stderr stays clean; the audit states the same
// fact as a finding instead.
import { parse as pgParse } from 'pg-connection-string';

const FILE_PARAMS = new Set(['sslcert', 'sslkey', 'sslrootcert']);

/** What pg's TLS settings amount to: no TLS, or TLS checking chain and name, chain only, or nothing. */
export type NodePostgresTls = 'off' | 'verify-full' | 'verify-ca' | 'unverified';

export interface NodePostgresConfig {
  readonly user: string | null;
  readonly password: string | null;
  readonly host: string | null;
  readonly port: string | null;
  readonly database: string | null;
  readonly tls: NodePostgresTls;
  /** Every other key pg-connection-string returned (query parameters), as text. */
  readonly params: Readonly<Record<string, string>>;
  /** Certificate files pg would read from disk (not read here). */
  readonly filesRead: readonly string[];
}

export type NodePostgresReading =
  | { readonly ok: true; readonly config: NodePostgresConfig }
  | { readonly ok: false; readonly error: string };

function withoutFileParams(text: string): { text: string; files: string[] } {
  const q = text.indexOf('?');
  if (q === -1) return { text, files: [] };
  const files: string[] = [];
  const kept = text
    .slice(q + 1)
    .split('&')
    .filter((pair) => {
      const key = pair.split('=')[0] ?? '';
      let decoded = key;
      try {
        decoded = decodeURIComponent(key);
      } catch {
        // an undecodable key is not one of ours; keep it as written
      }
      if (!FILE_PARAMS.has(decoded)) return true;
      files.push(decoded);
      return false;
    });
  return { text: kept.length > 0 ? `${text.slice(0, q)}?${kept.join('&')}` : text.slice(0, q), files };
}

function tlsOf(ssl: unknown): NodePostgresTls {
  if (ssl === undefined || ssl === null || ssl === false) return 'off';
  if (typeof ssl !== 'object') return 'verify-full';
  if ((ssl as { rejectUnauthorized?: unknown }).rejectUnauthorized === false) return 'unverified';
  if (typeof (ssl as { checkServerIdentity?: unknown }).checkServerIdentity === 'function') return 'verify-ca';
  return 'verify-full';
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function quietParse(text: string): Record<string, unknown> {
  const original = process.emitWarning;
  try {
    process.emitWarning = (() => undefined) as typeof process.emitWarning;
    return pgParse(text) as Record<string, unknown>;
  } finally {
    process.emitWarning = original;
  }
}

export function readAsNodePostgres(input: string): NodePostgresReading {
  const { text: stripped, files } = withoutFileParams(input);
  let raw: Record<string, unknown>;
  try {
    // verify-ca without a CA is refused only because we held the CA file back;
    // read it as require, which takes the same branch once a CA is present.
    const caHeldBack = files.includes('sslrootcert') && /[?&]sslmode=verify-ca(&|$)/.test(stripped);
    raw = quietParse(caHeldBack ? stripped.replace(/([?&]sslmode=)verify-ca(?=&|$)/, '$1require') : stripped);
    if (caHeldBack) raw.sslmode = 'verify-ca';
  } catch (err) {
    // pg-connection-string blanks the input out of URL errors; keep only the message.
    return { ok: false, error: err instanceof Error ? err.message : 'unparseable' };
  }
  let tls = tlsOf(raw.ssl);
  // With the CA file present, libpq-compatible require/verify-ca check the
  // chain but not the name (pg-connection-string's uselibpqcompat branch).
  if (files.includes('sslrootcert') && raw.uselibpqcompat === 'true' && (raw.sslmode === 'require' || raw.sslmode === 'verify-ca')) tls = 'verify-ca';
  else if (files.length > 0 && tls === 'off' && raw.sslmode !== 'disable') tls = 'verify-full';
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (['user', 'password', 'host', 'port', 'database', 'ssl'].includes(key)) continue;
    const t = text(value);
    if (t !== null) params[key] = t;
  }
  return {
    ok: true,
    config: {
      user: text(raw.user) || null,
      password: text(raw.password) || null,
      host: text(raw.host) || null,
      port: text(raw.port) || null,
      database: text(raw.database) || null,
      tls,
      params,
      filesRead: files,
    },
  };
}
