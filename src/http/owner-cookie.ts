// The owner cookie: a random id the server issued, with an HMAC-SHA256 over it
// (the shape of express's cookie-signature: value.signature). A made-up or
// altered cookie opens nothing. The key is one secret kept in the store, so
// every instance on one STORE_URL accepts the cookies any of them issued.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const OWNER_COOKIE = 'pgtriage_owner';
const MAX_AGE_MS = 365 * 24 * 3600 * 1000;
const COOKIE = new RegExp(`(?:^|;\\s*)${OWNER_COOKIE}=([A-Za-z0-9_-]{32})\\.([A-Za-z0-9_-]{43})(?:;|$)`);
// An owner posts many times with one cookie: a cookie verified once is not
// verified again (the key is fixed for the process). Only cookies that
// verified are kept, so made-up ones never fill it; at most this many.
const VERIFIED_KEPT = 1000;

export interface OwnerCookies {
  /** The owner id in a verified cookie, or null. */
  ownerOf(req: Request): string | null;
  /** Issues a new owner id and sets its signed cookie. */
  issue(res: Response): string;
}

export function ownerCookies(key: Buffer): OwnerCookies {
  const verified = new Map<string, string>();
  const sign = (owner: string) => createHmac('sha256', key).update(owner).digest('base64url');
  return {
    ownerOf(req) {
      const match = COOKIE.exec(req.headers.cookie ?? '');
      if (match === null) return null;
      const [, owner, signature] = match as unknown as [string, string, string];
      const value = `${owner}.${signature}`;
      const known = verified.get(value);
      if (known !== undefined) return known;
      const expected = Buffer.from(sign(owner));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      if (verified.size >= VERIFIED_KEPT) verified.clear();
      verified.set(value, owner);
      return owner;
    },
    issue(res) {
      const owner = randomBytes(24).toString('base64url');
      res.cookie(OWNER_COOKIE, `${owner}.${sign(owner)}`, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: MAX_AGE_MS });
      return owner;
    },
  };
}
