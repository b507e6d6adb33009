// What the user most likely meant by a URI whose user or password holds
// unencoded reserved characters: the credentials run to the LAST '@' (libpq
// stops at the first one, URL parsers at the last one before '/', '?', '#'),
// and the user name ends at the first ':'. Used to redact every piece of
// such a password and to write the corrected, percent-encoded string.
import { percentDecode } from './percent-decode.ts';

export interface IntendedUri {
  readonly prefix: string;
  readonly user: string;
  /** As written (raw); undefined when there is no ':' in the credentials. */
  readonly password: string | undefined;
  /** Everything after the credentials' '@' (hosts, dbname, query). */
  readonly rest: string;
  /** Where the password sits in the text: [start, end). */
  readonly passwordRange: readonly [number, number] | undefined;
}

const SCHEME = /^[a-z][a-z0-9+.-]{0,30}:\/\//i;

export function readIntendedUri(text: string): IntendedUri | undefined {
  const scheme = SCHEME.exec(text);
  if (scheme === null) return undefined;
  const prefix = scheme[0];
  const body = text.slice(prefix.length);
  let lastAt = body.lastIndexOf('@');
  // An '@' after ?user= or ?password= (JDBC style) is not the end of any
  // userinfo. Any other '@' may be: a password can hold '/' and '?', so the
  // reading stays greedy and may redact more than needed, never less.
  while (lastAt !== -1 && /[?&](?:user|password|sslpassword)=/.test(body.slice(0, lastAt))) lastAt = body.lastIndexOf('@', lastAt - 1);
  if (lastAt === -1) return { prefix, user: '', password: undefined, rest: body, passwordRange: undefined };
  const credentials = body.slice(0, lastAt);
  const colon = credentials.indexOf(':');
  return {
    prefix,
    user: colon === -1 ? credentials : credentials.slice(0, colon),
    password: colon === -1 ? undefined : credentials.slice(colon + 1),
    rest: body.slice(lastAt + 1),
    passwordRange: colon === -1 ? undefined : [prefix.length + colon + 1, prefix.length + lastAt],
  };
}

/** The intended password as written and, when it decodes, as decoded. */
export function intendedPasswordTexts(text: string): string[] {
  const password = readIntendedUri(text)?.password;
  if (password === undefined || password === '') return [];
  const decoded = percentDecode(password);
  return decoded.ok && decoded.value !== password ? [password, decoded.value] : [password];
}

/** Query keys and values begin after the credentials (which may hold '?'). */
export function queryOf(text: string): string | undefined {
  const intended = readIntendedUri(text);
  const rest = intended === undefined ? text : intended.rest;
  const q = rest.indexOf('?');
  return q === -1 ? undefined : rest.slice(q + 1);
}

// RFC 3986 unreserved characters stay; everything else is percent-encoded,
// so any reader (libpq, URL, JDBC) sees the same text.
export function encodeUriComponentStrict(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
