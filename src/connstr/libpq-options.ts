// libpq's connection keywords in its own order (PQconninfoOptions in
// src/interfaces/libpq/fe-connect.c): PQconninfoParse reports them in this
// order, so the audit's `libpq` map does too. `since` is the libpq major
// version that first accepts the keyword; older versions reject it as
// `invalid connection option` / `invalid URI query parameter`.
// The 15 list was read from PQconndefaults() of libpq 15.18; the 16 and 17
// additions from fe-connect.c of REL_16 / REL_17.

export interface LibpqKeyword {
  readonly keyword: string;
  readonly since: number;
  /** dispchar "*" in libpq: a secret that libpq itself never displays. */
  readonly secret: boolean;
}

const ORDER: ReadonlyArray<readonly [string, number, boolean?]> = [
  ['service', 9],
  ['user', 9],
  ['password', 9, true],
  ['passfile', 9],
  ['channel_binding', 13],
  ['connect_timeout', 9],
  ['dbname', 9],
  ['host', 9],
  ['hostaddr', 9],
  ['port', 9],
  ['client_encoding', 9],
  ['options', 9],
  ['application_name', 9],
  ['fallback_application_name', 9],
  ['keepalives', 9],
  ['keepalives_idle', 9],
  ['keepalives_interval', 9],
  ['keepalives_count', 9],
  ['tcp_user_timeout', 12],
  ['sslmode', 9],
  ['sslnegotiation', 17],
  ['sslcompression', 9],
  ['sslcert', 9],
  ['sslkey', 9],
  ['sslcertmode', 16],
  ['sslpassword', 13, true],
  ['sslrootcert', 9],
  ['sslcrl', 9],
  ['sslcrldir', 14],
  ['sslsni', 14],
  ['requirepeer', 9],
  ['require_auth', 16],
  ['ssl_min_protocol_version', 12],
  ['ssl_max_protocol_version', 12],
  ['gssencmode', 12],
  ['krbsrvname', 9],
  ['gsslib', 9],
  ['gssdelegation', 16],
  ['replication', 9],
  ['target_session_attrs', 10],
  ['load_balance_hosts', 16],
];

export const LIBPQ_KEYWORDS: readonly LibpqKeyword[] = ORDER.map(([keyword, since, secret]) => ({
  keyword,
  since,
  secret: secret === true,
}));

const BY_NAME = new Map(LIBPQ_KEYWORDS.map((k, index) => [k.keyword, { ...k, index }]));

/** Keywords of libpq 18 (PostgreSQL 18 release notes): only used to explain a rejection. */
const LATER_KEYWORDS: Readonly<Record<string, number>> = {
  min_protocol_version: 18,
  max_protocol_version: 18,
  sslkeylogfile: 18,
  oauth_issuer: 18,
  oauth_client_id: 18,
  oauth_client_secret: 18,
  oauth_scope: 18,
};

/** The libpq major version whose keyword set the audit assumes unless told otherwise. */
export const DEFAULT_LIBPQ_MAJOR = 17;

export function isKnownKeyword(keyword: string, libpqMajor: number): boolean {
  const entry = BY_NAME.get(keyword);
  return entry !== undefined && entry.since <= libpqMajor;
}

export function keywordSince(keyword: string): number | undefined {
  return BY_NAME.get(keyword)?.since ?? LATER_KEYWORDS[keyword];
}

export function keywordOrder(keyword: string): number {
  return BY_NAME.get(keyword)?.index ?? Number.MAX_SAFE_INTEGER;
}

export function isSecretKeyword(keyword: string): boolean {
  return BY_NAME.get(keyword)?.secret === true;
}
