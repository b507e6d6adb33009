// The URI form, step for step as libpq's conninfo_uri_parse_options and
// conninfo_uri_parse_params (fe-connect.c, unchanged in substance 10..17):
//   postgresql://[user[:password]@][netloc][:port][,...][/dbname][?k=v&...]
// Quirks kept on purpose because libpq has them: the user part ends at the
// FIRST '@' before any '/', so an unencoded '@' in a password leaks the rest
// into the host; hosts and ports are joined with ',' before decoding; an
// empty host or port still adds its comma.
import { decodeErrorMessage, fail, type OptionStore } from './conninfo-store.ts';
import { isKnownKeyword, isSecretKeyword } from './libpq-options.ts';
import { byteOffset, firstByteAsPrinted, percentDecode } from './percent-decode.ts';

const URI_PREFIXES = ['postgresql://', 'postgres://'] as const;

export function uriPrefixLength(text: string): number {
  for (const prefix of URI_PREFIXES) if (text.startsWith(prefix)) return prefix.length;
  return 0;
}

export function parseUri(uri: string, store: OptionStore): void {
  const len = uri.length;
  const start = uriPrefixLength(uri);
  const at = (i: number): string => (i < len ? (uri[i] as string) : '');
  const secrets: string[] = [];
  const secretList = () => secrets;

  let p = start;
  while (p < len && uri[p] !== '@' && uri[p] !== '/') p++;
  if (at(p) === '@') {
    p = start;
    while (uri[p] !== ':' && uri[p] !== '@') p++;
    const user = uri.slice(start, p);
    let password: string | undefined;
    let afterCredentials = p + 1;
    if (uri[p] === ':') {
      const passwordStart = p + 1;
      let q = passwordStart;
      while (uri[q] !== '@') q++;
      password = uri.slice(passwordStart, q);
      afterCredentials = q + 1;
      if (password !== '') secrets.push(password);
    }
    if (user !== '') store.store('user', user, true, secretList);
    if (password !== undefined && password !== '') store.store('password', password, true, secretList);
    p = afterCredentials;
  } else {
    p = start;
  }

  let hosts = '';
  let ports = '';
  let terminator = '';
  for (;;) {
    let host: string;
    if (at(p) === '[') {
      const hostStart = ++p;
      while (p < len && uri[p] !== ']') p++;
      if (p >= len) {
        fail('ipv6_unterminated', `end of string reached when looking for matching "]" in IPv6 host address in URI: "${uri}"`, secrets);
      }
      if (p === hostStart) fail('ipv6_empty', `IPv6 host address may not be empty in URI: "${uri}"`, secrets);
      host = uri.slice(hostStart, p);
      store.sourceSpans.push(['host', hostStart, p]);
      p++;
      if (p < len && !':/?,'.includes(uri[p] as string)) {
        fail(
          'unexpected_character',
          `unexpected character "${firstByteAsPrinted(uri, p)}" at position ${byteOffset(uri, p) + 1} in URI (expected ":" or "/"): "${uri}"`,
          secrets,
        );
      }
    } else {
      const hostStart = p;
      while (p < len && !':/?,'.includes(uri[p] as string)) p++;
      host = uri.slice(hostStart, p);
      store.sourceSpans.push(['host', hostStart, p]);
    }
    terminator = at(p);
    hosts += host;
    if (terminator === ':') {
      const portStart = ++p;
      while (p < len && !'/?,'.includes(uri[p] as string)) p++;
      terminator = at(p);
      ports += uri.slice(portStart, p);
      store.sourceSpans.push(['port', portStart, p]);
    }
    if (terminator !== ',') break;
    p++;
    hosts += ',';
    ports += ',';
  }
  if (hosts !== '') store.store('host', hosts, true, secretList);
  if (ports !== '') store.store('port', ports, true, secretList);

  if (terminator !== '' && terminator !== '?') {
    const dbStart = ++p;
    while (p < len && uri[p] !== '?') p++;
    terminator = at(p);
    const dbname = uri.slice(dbStart, p);
    store.sourceSpans.push(['dbname', dbStart, p]);
    // libpq: an empty dbname is not stored, so the default (the user name) applies.
    if (dbname !== '') store.store('dbname', dbname, true, secretList);
  }
  if (terminator !== '') parseQuery(uri.slice(p + 1), store, secrets);
}


function parseQuery(params: string, store: OptionStore, secrets: string[]): void {
  const secretList = () => secrets;
  let i = 0;
  let previousWasSecret = false;
  while (i < params.length) {
    const keyStart = i;
    const segmentEnd = params.indexOf('&', keyStart);
    // Whatever fails right after a password is most likely the rest of a
    // password that held an unencoded '&': keep all of it secret.
    const segment = params.slice(keyStart, segmentEnd === -1 ? params.length : segmentEnd);
    const segmentKey = percentDecode(segment.split('=')[0] ?? '');
    const knownKey = segmentKey.ok && (isKnownKeyword(segmentKey.value, 99) || segmentKey.value === 'ssl');
    const spill = previousWasSecret && !knownKey ? [segment] : [];
    const failing = () => [...secrets, ...spill];
    let equals = -1;
    let p = i;
    let end: number;
    for (;;) {
      const c = params[p];
      if (c === '=') {
        if (equals !== -1) {
          fail('uri_extra_separator', `extra key/value separator "=" in URI query parameter: "${params.slice(keyStart, equals)}"`, failing());
        }
        equals = p;
        p++;
      } else if (c === '&' || c === undefined) {
        end = p;
        if (c === '&') p++;
        if (equals === -1) {
          fail('uri_missing_separator', `missing key/value separator "=" in URI query parameter: "${params.slice(keyStart, end)}"`, failing());
        }
        break;
      } else {
        p++;
      }
    }
    const rawKey = params.slice(keyStart, equals);
    const rawValue = params.slice(equals + 1, end);
    const key = percentDecode(rawKey);
    if (!key.ok) fail(errorCode(key.reason), decodeErrorMessage(key.reason, rawKey), failing());
    const writtenAs = key.value;
    let keyword = key.value;
    const secret = isSecretKeyword(keyword);
    if (secret && rawValue !== '') {
      secrets.push(rawValue);
      store.secrets.push(rawValue);
    }
    const value = percentDecode(rawValue);
    if (!value.ok) fail(errorCode(value.reason), decodeErrorMessage(value.reason, rawValue), failing());
    if (secret && value.value !== '' && value.value !== rawValue) secrets.push(value.value);
    let decodedValue = value.value;
    // libpq's "special keyword handling for improved JDBC compatibility".
    if (keyword === 'ssl' && decodedValue === 'true') {
      keyword = 'sslmode';
      decodedValue = 'require';
    }
    if (!store.store(keyword, decodedValue, false, secretList, writtenAs)) {
      fail('uri_invalid_parameter', `invalid URI query parameter: "${keyword}"`, previousWasSecret ? [...failing(), keyword, decodedValue] : secrets);
    }
    if (value.nonUtf8Hex !== undefined && keyword !== 'requiressl') store.nonUtf8Hex[keyword] = value.nonUtf8Hex;
    previousWasSecret = secret;
    i = p;
  }
}

function errorCode(reason: 'invalid_token' | 'forbidden_nul') {
  return reason === 'invalid_token' ? ('invalid_percent_encoding' as const) : ('forbidden_percent_nul' as const);
}
