// Finds the secrets a user can paste by accident: a password inside a
// connection string, a password setting, an API key. Every pattern is linear
// (no nested quantifiers) because pasted logs can be long.

export type SecretKind =
  | 'url_password'
  | 'password_setting'
  | 'openai_key'
  | 'neon_api_key'
  | 'neon_password'
  | 'aws_access_key'
  | 'github_token'
  | 'bearer_token'
  | 'jwt';

export interface SecretFinding {
  kind: SecretKind;
  /** Offsets of the secret value itself (not its label) in the original text. */
  start: number;
  end: number;
  /** A placeholder such as `[YOUR-PASSWORD]` or `****`: hidden, but nothing to rotate. */
  placeholder: boolean;
}

const URI_SCHEME = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,30}:\/\//g;
const TOKEN_END = /[\s"'`]/;

// `password=`, `PGPASSWORD=`, `DB_PASSWORD: x`, `"password": "x"`, `?password=x&`
// (libpq keyword/value, URL query, JDBC, .env, YAML, JSON, JDBC properties),
// and Rust's Debug form `password: Some("x")` that Prisma engines print (prisma/orm#6480).
const PASSWORD_SETTING =
  /(?:\b(?:[A-Za-z0-9]{1,30}_){0,4}(?:PG)?pass(?:word|wd)?|\bpwd)(["']?)[ \t]*(?:=|:)[ \t]*(?:Some\()?(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s&;,'"}\]]+))/gi;

const KEY_PATTERNS: { kind: SecretKind; pattern: RegExp }[] = [
  // OpenAI keys: sk-..., sk-proj-...
  { kind: 'openai_key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  // Neon API keys (console "API keys" page) start with napi_.
  { kind: 'neon_api_key', pattern: /\bnapi_[A-Za-z0-9]{20,}/g },
  // Neon role passwords (console "Connect" strings) start with npg_, even when pasted alone.
  { kind: 'neon_password', pattern: /\bnpg_[A-Za-z0-9]{12,}/g },
  { kind: 'aws_access_key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'github_token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'bearer_token', pattern: /(?<=\bBearer\s)[A-Za-z0-9._~+/=-]{16,}/g },
];

const PLACEHOLDER = /^(?:\[[^\]]*\]|<[^>]*>|\{[^}]*\}|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|%[A-Z_]+%|\*+|x+|\.{3,}|…|password|your[-_ ]?password|secret|changeme|pass|pwd|redacted|<redacted>|\*\*\*redacted\*\*\*)$/i;

export function isPlaceholderSecret(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

export function findSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [...urlPasswords(text), ...passwordSettings(text), ...keys(text)];
  return mergeOverlaps(findings);
}

function urlPasswords(text: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const match of text.matchAll(URI_SCHEME)) {
    const authorityStart = (match.index ?? 0) + match[0].length;
    let tokenEnd = authorityStart;
    while (tokenEnd < text.length && !TOKEN_END.test(text[tokenEnd] as string)) tokenEnd++;
    const token = text.slice(authorityStart, tokenEnd);
    // libpq reads up to the last '@' before the host, so a raw '@' in a
    // password still belongs to the password.
    const at = lastAtBeforeHost(token);
    if (at < 0) continue;
    const colon = token.indexOf(':');
    if (colon < 0 || colon > at) continue;
    const start = authorityStart + colon + 1;
    const end = authorityStart + at;
    if (end <= start) continue;
    found.push({ kind: 'url_password', start, end, placeholder: isPlaceholderSecret(text.slice(start, end)) });
  }
  return found;
}

function lastAtBeforeHost(token: string): number {
  const query = token.search(/[?#]/);
  const authority = query < 0 ? token : token.slice(0, query);
  return authority.lastIndexOf('@');
}

function passwordSettings(text: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const match of text.matchAll(PASSWORD_SETTING)) {
    const value = match[2] ?? match[3] ?? match[4];
    if (value === undefined || value.length === 0) continue;
    const valueOffset = match[0].lastIndexOf(value);
    const start = (match.index ?? 0) + valueOffset;
    found.push({ kind: 'password_setting', start, end: start + value.length, placeholder: isPlaceholderSecret(value) });
  }
  return found;
}

function keys(text: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const { kind, pattern } of KEY_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      found.push({ kind, start, end: start + match[0].length, placeholder: false });
    }
  }
  return found;
}

function mergeOverlaps(findings: SecretFinding[]): SecretFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretFinding[] = [];
  for (const finding of sorted) {
    const last = merged[merged.length - 1];
    if (last && finding.start < last.end) {
      last.end = Math.max(last.end, finding.end);
      last.placeholder = last.placeholder && finding.placeholder;
      continue;
    }
    merged.push({ ...finding });
  }
  return merged;
}
