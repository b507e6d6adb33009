// HTTP credentials: `Authorization: Bearer <token>` (RFC 6750 section 2.1),
// `Authorization: Basic <base64 user:password>` (RFC 7617) and GitHub's
// `Authorization: token <token>`; gitleaks rule curl-auth-header reads the same.
import { looksRandom } from '../provider-keys.ts';
import type { Span } from './types.ts';

const BEARER = /\bBearer[ \t]{1,8}([A-Za-z0-9._~+/=-]{8,4096})/g;
const AUTHORIZATION = /\bAuthorization["']?[ \t]{0,8}[:=][ \t]{0,8}["']?(Basic|Token|token)[ \t]{1,8}([A-Za-z0-9._~+/=-]{8,4096})/g;

export function scanAuthHeaders(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(BEARER)) {
    const token = m[1] as string;
    if (!looksRandom(token)) continue;
    const start = (m.index ?? 0) + m[0].length - token.length;
    spans.push({ kind: 'bearer_token', start, end: start + token.length });
  }
  for (const m of text.matchAll(AUTHORIZATION)) {
    const token = m[2] as string;
    if (!looksRandom(token)) continue;
    const start = (m.index ?? 0) + m[0].length - token.length;
    spans.push({ kind: m[1] === 'Basic' ? 'basic_auth' : 'bearer_token', start, end: start + token.length });
  }
  return spans;
}
