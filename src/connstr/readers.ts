// Where node-postgres reads a string differently from libpq. pg's own
// parser gives its reading (node-postgres-reader.ts); the differences named
// here are the ones that change what connects: credentials or host cut
// elsewhere, TLS semantics (pg-connection-string 2.x treats prefer, require
// and verify-ca as verify-full unless uselibpqcompat=true; see its index.js),
// parameters one side ignores and the other rejects.
import type { LibpqParse } from './parse.ts';
import { readAsNodePostgres, type NodePostgresTls } from './node-postgres-reader.ts';
import { safeLibpqMap } from './parts.ts';
import { REDACTED } from './redact.ts';

/** How the audit redacts: free text, and a single value taken from the input. */
export interface Redactor {
  text(text: string): string;
  value(value: string): string;
}

export interface ReaderDifference {
  readonly id: string;
  readonly message: string;
}

export interface NodePostgresView {
  readonly ok: boolean;
  readonly error?: string;
  readonly user?: string | null;
  readonly password?: { readonly present: boolean };
  readonly host?: string | null;
  readonly port?: string | null;
  readonly database?: string | null;
  readonly tls?: NodePostgresTls;
  readonly params?: Readonly<Record<string, string>>;
  readonly filesRead?: readonly string[];
}

export interface ReadersReport {
  readonly nodePostgres: NodePostgresView;
  readonly differences: readonly ReaderDifference[];
}

const PG_ONLY_PARAMS: Readonly<Record<string, string>> = {
  uselibpqcompat: 'uselibpqcompat is a node-postgres switch (libpq semantics for sslmode); libpq rejects it as an unknown parameter.',
};

export function compareReaders(meant: string, libpq: LibpqParse, redactor: Redactor): ReadersReport {
  const redact = (text: string) => redactor.text(text);
  const value = (v: string) => redactor.value(v);
  const pg = readAsNodePostgres(meant);
  const differences: ReaderDifference[] = [];
  const add = (id: string, message: string) => differences.push({ id, message: redact(message) });
  if (!pg.ok) {
    add('node_postgres_rejects', `node-postgres cannot read it: new URL() fails (${pg.error}); an unencoded '#', '%', space or bracket in the credentials is the usual cause.`);
    return { nodePostgres: { ok: false, error: redact(pg.error) }, differences };
  }
  const c = pg.config;
  const view: NodePostgresView = {
    ok: true,
    user: c.user === null ? null : value(c.user),
    password: { present: c.password !== null },
    host: c.host === null ? null : value(c.host),
    port: c.port === null ? null : value(c.port),
    database: c.database === null ? null : value(c.database),
    tls: c.tls,
    params: Object.fromEntries(Object.entries(c.params).map(([k, v]) => [value(k), /password/i.test(k) ? REDACTED : value(v)])),
    filesRead: c.filesRead,
  };
  if (libpq.form === 'keyword_value') {
    // pg's reading of a keyword/value string is an accident of URL resolution: show only its host.
    const accidental: NodePostgresView = { ok: true, host: view.host ?? null, database: null, password: { present: false } };
    add('keyword_value_unsupported', `node-postgres does not understand keyword/value strings: it reads this one as a URL relative to postgres://base (host "${view.host ?? ''}", database = the whole string). Give node-postgres a postgresql:// URI or a config object.`);
    return { nodePostgres: accidental, differences };
  }
  if (libpq.ok) {
    // libpq's values with password pieces cut out by position, pg's through the redactor.
    const o = safeLibpqMap(libpq.options, libpq.spilledSecrets);
    const raw = libpq.options;
    if ((raw.user ?? null) !== c.user) add('user_differs', `libpq reads the user as "${o.user ?? '(none)'}", node-postgres as "${view.user ?? '(none)'}".`);
    if ((raw.password ?? null) !== c.password) {
      add('password_differs', 'libpq and node-postgres read different passwords: libpq ends the password at the first \'@\' and decodes every %XX, node-postgres (WHATWG URL) ends it at the last \'@\'. Percent-encode the password.');
    }
    const hosts = raw.host ?? '';
    if (hosts.includes(',')) add('multi_host_unsupported', 'node-postgres has no multi-host support: it resolves the whole list as one host name. Only libpq (and pgjdbc) try hosts in turn.');
    else if ((raw.host ?? null) !== c.host) add('host_differs', `libpq connects to "${o.host ?? '(default socket)'}", node-postgres to "${view.host ?? '(default)'}".`);
    if ((raw.port ?? null) !== c.port && !hosts.includes(',')) add('port_differs', `libpq uses port ${o.port ?? '5432 (default)'}, node-postgres ${view.port ?? '5432 (default)'}.`);
    if ((raw.dbname ?? null) !== c.database) add('database_differs', `libpq opens database "${o.dbname ?? '(user name)'}", node-postgres "${view.database ?? '(user name)'}" (node-postgres decodes the path with decodeURI, which keeps %2F, %3F, %23 encoded).`);
  }
  const sslmode = c.params.sslmode;
  const compat = c.params.uselibpqcompat === 'true';
  // Plaintext to this machine is the usual local setup, not a difference worth a warning.
  const local = c.host === null || /^(localhost|127(?:\.\d+){3}|::1|\/.*)$/i.test(c.host);
  if (sslmode === undefined && /[?&]sslmode=/.test(meant)) {
    add('query_lost', 'node-postgres never sees the parameters: new URL() ends the URL at an unencoded \'#\' (or reads them as part of another component), so sslmode and the rest are dropped and it connects without TLS. Percent-encode the credentials.');
  } else if (sslmode === undefined && c.params.ssl === undefined && c.tls === 'off' && !local) {
    add('tls_default', 'With no sslmode, libpq tries TLS first and falls back to plaintext (prefer); node-postgres connects without TLS at all, which servers that require TLS (Neon, most clouds) refuse. Add sslmode=require (or verify-full).');
  } else if (!compat && (sslmode === 'prefer' || sslmode === 'require' || sslmode === 'verify-ca')) {
    add('sslmode_means_verify_full', `node-postgres (pg-connection-string 2.x) treats sslmode=${sslmode} as verify-full: it checks the certificate chain and host name, where libpq's ${sslmode} does not${sslmode === 'prefer' ? ' and may fall back to plaintext' : ''}. A server with a private or self-signed certificate then fails in node-postgres but connects with psql. Write sslmode=verify-full to say what you get, or uselibpqcompat=true&sslmode=${sslmode} for libpq's meaning; pg 9 will switch to libpq semantics.`);
  } else if (sslmode === 'no-verify') {
    add('sslmode_no_verify', 'sslmode=no-verify exists only in node-postgres (TLS without any certificate check); libpq refuses it (invalid sslmode value).');
  }
  if (c.params.ssl === 'true' || c.params.ssl === '1') {
    add('ssl_param', 'ssl=true: libpq turns it into sslmode=require (encrypt, no verification; ssl=1 is rejected), node-postgres into TLS with full certificate verification.');
  }
  for (const [key, message] of Object.entries(PG_ONLY_PARAMS)) if (c.params[key] !== undefined) add(`${key}_node_postgres_only`, message);
  if (c.params.channel_binding !== undefined) {
    add('channel_binding_ignored', 'node-postgres ignores channel_binding in the URL: it uses SCRAM-SHA-256-PLUS only when the client is created with enableChannelBinding: true. libpq enforces channel_binding=require.');
  }
  if (c.params.sslrootcert === 'system' || c.filesRead.includes('sslrootcert')) {
    if (/[?&]sslrootcert=system(&|$)/.test(meant)) add('sslrootcert_system', 'sslrootcert=system means the OS trust store to libpq 16+, but node-postgres reads it as a file named "system" and fails (ENOENT).');
  }
  return { nodePostgres: view, differences };
}
