// Owner cookies verified once are remembered: the memory must never let an
// altered cookie through, and must stay bounded.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { Request, Response } from 'express';
import { OWNER_COOKIE, ownerCookies } from '../../../src/http/owner-cookie.ts';

function issued(owners: ReturnType<typeof ownerCookies>): { owner: string; cookie: string } {
  let cookie = '';
  const owner = owners.issue({ cookie: (name: string, value: string) => (cookie = `${name}=${value}`) } as unknown as Response);
  return { owner, cookie };
}
const asRequest = (cookie: string) => ({ headers: { cookie } }) as Request;

test('a remembered cookie still verifies, its altered twins and another key\'s cookies never do, past the memory\'s bound', () => {
  const owners = ownerCookies(randomBytes(32));
  const first = issued(owners);
  for (let round = 0; round < 2; round++) assert.equal(owners.ownerOf(asRequest(`a=b; ${first.cookie}`)), first.owner);
  const [owner, signature] = first.cookie.slice(OWNER_COOKIE.length + 1).split('.') as [string, string];
  const flip = (s: string) => `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`;
  for (const altered of [`${flip(owner)}.${signature}`, `${owner}.${flip(signature)}`]) {
    assert.equal(owners.ownerOf(asRequest(`${OWNER_COOKIE}=${altered}`)), null, altered);
  }
  // More owners than the memory keeps: each verifies, and so does the first again.
  const many = Array.from({ length: 2500 }, () => issued(owners));
  for (const { owner: id, cookie } of many) assert.equal(owners.ownerOf(asRequest(cookie)), id);
  assert.equal(owners.ownerOf(asRequest(first.cookie)), first.owner);
  // A cookie signed with another key opens nothing here.
  assert.equal(owners.ownerOf(asRequest(issued(ownerCookies(randomBytes(32))).cookie)), null);
});
