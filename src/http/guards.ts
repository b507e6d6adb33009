// What a browser on another site, or a page that rebinds its DNS name to this
// machine, could otherwise make the service do.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { errors } from '../errors.ts';
import { hasBody, isJsonType } from './json-body.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const HOST_VERDICTS_KEPT = 64;

/**
 * DNS rebinding: a page at attacker.example re-resolves its own name to
 * 127.0.0.1 and reads the API as same-origin; its requests still carry
 * `Host: attacker.example`, which no allowed name matches. Names are compared
 * without the port, case-insensitively (RFC 9110 §7.2).
 */
export function allowedHostsOnly(allowedHosts: readonly string[]): RequestCheck {
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  // Parsing the header with URL on every request cost more than the rest of
  // this guard; the few Host values a deployment sees are remembered, and
  // made-up ones only ever refill a small cache.
  const verdicts = new Map<string, boolean>();
  return (req: Request) => {
    const header = req.headers.host ?? '';
    let ok = verdicts.get(header);
    if (ok === undefined) {
      const host = hostName(header);
      ok = host !== null && allowed.has(host);
      if (verdicts.size >= HOST_VERDICTS_KEPT) verdicts.clear();
      verdicts.set(header, ok);
    }
    return ok ? undefined : new errors.PGT_ERR_HOST_NOT_ALLOWED();
  };
}

/** A check on a request: the error that refuses it, or undefined to let it through. */
export type RequestCheck = (req: Request) => Error | undefined;

/** The checks in one layer, in order: the first refusal answers (one router layer instead of one per check). */
export function checksInOrder(...checks: RequestCheck[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    for (const check of checks) {
      const refusal = check(req);
      if (refusal !== undefined) return next(refusal);
    }
    next();
  };
}

/** With a token configured, every request carries it as `Authorization: Bearer <token>` (compared in constant time). */
export function bearerToken(token: string | null): RequestCheck {
  const expected = token === null ? null : Buffer.from(token);
  return (req) => {
    if (expected === null) return undefined;
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
    return new errors.PGT_ERR_UNAUTHORIZED();
  };
}

/**
 * Cross-site writes (CSRF): a write is refused when the browser says it comes
 * from another site (`Sec-Fetch-Site`, Fetch Metadata; "same-origin" and
 * "none", a user typing the URL, pass) or from another origin (`Origin`, which
 * browsers send on every cross-origin POST). A client that sends neither, such
 * as curl or a script, is not a browser being steered.
 */
export const sameOriginWrites: RequestCheck = (req) => {
  if (SAFE_METHODS.has(req.method)) return undefined;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return new errors.PGT_ERR_CROSS_SITE({ message: `a write from a ${site} page is refused` });
  }
  // By host and port: behind a TLS proxy the page's origin is https while this hop is http.
  const origin = req.headers.origin;
  if (origin !== undefined && originHost(origin) !== req.headers.host?.toLowerCase()) {
    return new errors.PGT_ERR_CROSS_SITE({ message: 'a write from another origin is refused' });
  }
  return undefined;
};

/**
 * Writes carry JSON or nothing: an HTML form can send only urlencoded,
 * multipart or text/plain bodies, and never application/json without a CORS
 * preflight, which this service never grants.
 */
export const jsonOnlyWrites: RequestCheck = (req) => {
  if (SAFE_METHODS.has(req.method) || !hasBody(req) || isJsonType(req.headers['content-type'])) return undefined;
  return new errors.PGT_ERR_UNSUPPORTED_MEDIA_TYPE();
};

function hostName(header: string): string | null {
  if (header === '') return null;
  try {
    return new URL(`http://${header}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function originHost(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}
