// Named settings whose value is a secret, in every syntax a config or a log
// writes them: .env and shell (`DB_PASSWORD=x`, `export X="y"`), docker-compose
// (`POSTGRES_PASSWORD: x`, `- POSTGRES_PASSWORD=x`), JSON (`"password": "x"`),
// YAML, TOML / INI / HCL (`password = "x"`), Spring properties
// (`spring.datasource.password=x`), libpq keyword/value and URL queries
// (`password=x`, `?password=x&`), ODBC/ADO.NET/JDBC (`;Password=x;`), code
// (`password: "x"`, `password="x"`, `PASSWORD := "x"`, `'password' => 'x'`,
// `os.environ.get("DB_PASSWORD", "x")`, `process.env.X || "x"`), CLI flags
// (`--password=x`) and Rust's Debug form `password: Some("x")` that Prisma
// engines print (prisma/prisma#6480).
// Which names hold secrets follows gitleaks' generic-api-key keywords
// (access, api, auth, credential, key, passw(or)d, secret, token) narrowed to
// the name's last word so `password_hash`, `max_tokens` or `token_type` are
// not secrets (gitleaks/gitleaks config/gitleaks.toml, rule generic-api-key
// and its allowlist).
import type { SecretKind } from '../kinds.ts';
import type { Span } from './types.ts';

// `\*{0,2}` after the name: a Markdown label whose emphasis closes before the separator (`**Password**: x`).
const ASSIGNMENT = /(?<![\w.$])(["'`]?)([A-Za-z_$][\w.$-]{0,80})\1\*{0,2}[ \t]{0,8}(=>|:=|\?=|=|:(?![/\\])|,|\|\||\?\?)[ \t]{0,8}/g;
const MAX_VALUE = 1024;
// Every name secretKindOfName accepts holds one of these, whatever its case:
// the assignment regex (tried at every identifier) runs only from the name
// around each of them, so text without one costs a single literal search.
const NAME_KEYWORD = /pass|pw|secret|token|key|credential/gi;
// The same test on a name found (names here are ASCII): a name without one is not looked up.
const HOLDS_KEYWORD = /pass|pw|secret|token|key|credential/i;
// An assignment's separator starts with one of these, at most 93 characters
// after the match's start (a quote, a name of 81, a quote, two '*', eight
// blanks): no assignment starts more than that before the next one, so the
// search starts there (a text of words without a separator costs one search).
const SEPARATOR_START = /[=:,|?]/g;
const NAME_TO_SEPARATOR = 93;

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'pgpass', 'dbpass', 'smtppass', 'mailpass', 'pw']);
const PASSWORD_SUFFIXES = ['password', 'passwd'];
const SECRET_SUFFIXES = ['secret', 'token', 'apikey', 'secretkey', 'accesskey', 'privatekey', 'signingkey', 'credentials', 'credential', 'authkey'];
const KEY_QUALIFIERS = new Set(['api', 'secret', 'access', 'private', 'signing', 'encryption', 'master', 'auth', 'account', 'service', 'role', 'license', 'session', 'app', 'client', 'webhook', 'admin', 'sas', 'storage']);
// Values that are a type, a literal or code, never a secret.
const NOT_A_VALUE =
  /^(?:true|false|null|none|nil|undefined|yes|no|on|off|required|optional|str|string|bool|boolean|int|number|bytes|secretstr|any|object|char|varchar|text|hidden|masked|redacted|\[\]|\{\}|0)$/i;
const CODE_VALUE =
  /^(?:[A-Za-z_$][\w$.?]*\(|(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|ENV\[|System\.getenv|self\.|this\.|config\.|settings\.|env\.|cfg\.|conf\.|options\.|opts\.|args\.|params\.|props\.|credentials\.|secrets\.|vars\.)[\w$.[\]'"]*[,;]?$)/;
const DOTTED_PATH = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+[;,]?$/;
const TYPE_WORD = /^(?:str|string|String|bytes|SecretStr|Optional\[str\]|str \| None)$/;

export function secretKindOfName(name: string): SecretKind | null {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const last = words[words.length - 1] ?? '';
  const before = words[words.length - 2] ?? '';
  if (PASSWORD_WORDS.has(last) || PASSWORD_SUFFIXES.some((s) => last.endsWith(s))) return 'password_setting';
  if (SECRET_SUFFIXES.some((s) => last.endsWith(s))) return 'secret_setting';
  if (last === 'key' && KEY_QUALIFIERS.has(before)) return 'secret_setting';
  return null;
}

export function scanSettings(text: string): Span[] {
  const spans: Span[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (;;) {
    // Assignments before the next keyword's name have names that are not secret: skip them.
    const from = nextNameWithKeyword(text, ASSIGNMENT.lastIndex);
    if (from === -1) break;
    SEPARATOR_START.lastIndex = from;
    const separatorAt = SEPARATOR_START.exec(text)?.index;
    if (separatorAt === undefined) break;
    ASSIGNMENT.lastIndex = Math.max(from, separatorAt - NAME_TO_SEPARATOR, assignmentStartBefore(text, separatorAt));
    const m = ASSIGNMENT.exec(text);
    if (m === null) break;
    const [whole, quote, name, separator] = m as unknown as [string, string, string, string];
    const kind = HOLDS_KEYWORD.test(name) ? secretKindOfName(name) : null;
    if (kind === null) {
      // Resume right after the name: a value may hold the next assignment.
      ASSIGNMENT.lastIndex = m.index + quote.length + name.length + quote.length;
      if (ASSIGNMENT.lastIndex <= m.index) ASSIGNMENT.lastIndex = m.index + 1;
      continue;
    }
    // `os.getenv("X", "v")`, `process.env.X || "v"`: only a quoted default counts.
    const defaultOnly = separator === ',' || separator === '||' || separator === '??';
    // Only a call's first argument takes a default after ',': not a column list (`"password", "updated_at"`).
    if (separator === ',' && (quote === '' || !isCallArgument(text, m.index))) continue;
    let lineStart = isLineStart(text, m.index);
    let at = m.index + whole.length;
    if (text.startsWith('Some(', at)) at += 5;
    // Markdown is markup, not the value: a code span that closes right after
    // the separator (`PGPASSWORD=`, `?password=`) names the setting and holds
    // none; emphasis that closes after it (`**Password:** x`, `**Reset the
    // role password:** Neon Console`) is a label, and the value (a word, as in
    // prose) comes after the markup.
    if (quote === '' && text[at] === '`' && inCodeSpan(text, m.index)) continue;
    const closer = emphasisCloserAt(text, at, m.index);
    if (closer > 0) {
      at += closer;
      lineStart = false;
    }
    // In a URL query (`?password=`, `&password=`) only '&' ends a value: libpq
    // and JDBC keep quotes, '=' and '@' inside it.
    const inQuery = quote === '' && (text[m.index - 1] === '?' || text[m.index - 1] === '&');
    let value = readValue(text, at, { lineStart, separator, inQuery, afterSemicolon: text[m.index - 1] === ';', keywordValue: separator === '=' && /^(?:ssl)?password$/i.test(name) });
    if (value === null) continue;
    // `password: str = "x"` (a typed field with a default): the default is the value.
    if (TYPE_WORD.test(text.slice(value.start, value.end))) {
      const eq = /^[ \t]*=[ \t]*/.exec(text.slice(value.end, value.end + 20));
      if (eq === null) continue;
      value = readValue(text, value.end + eq[0].length, { lineStart: false, separator: '=', inQuery: false, afterSemicolon: false, keywordValue: false });
      if (value === null) continue;
    }
    if (defaultOnly && !value.quoted) continue;
    const raw = text.slice(value.start, value.end);
    if (!isSecretValue(raw, kind, name, value.quoted, lineStart, separator)) continue;
    spans.push({ kind, start: value.start, end: value.end });
    ASSIGNMENT.lastIndex = Math.max(ASSIGNMENT.lastIndex, value.end);
  }
  return spans;
}

/** Where the run of name characters (and a quote before it) holding the next keyword at or after `from` starts, or -1. */
function nextNameWithKeyword(text: string, from: number): number {
  NAME_KEYWORD.lastIndex = from;
  const keyword = NAME_KEYWORD.exec(text);
  if (keyword === null) return -1;
  let start = keyword.index;
  while (start > from && isNameChar(text.charCodeAt(start - 1))) start--;
  if (start > from && '"\'`'.includes(text[start - 1] as string)) start--;
  return start;
}

/**
 * The earliest start of an assignment whose separator is at `separatorAt`:
 * back over what ASSIGNMENT allows between them (blanks, '*', quotes, name
 * characters, in that order from the right). Nothing before it starts one:
 * no separator character lies between `from` and `separatorAt`, so an earlier
 * start would need a separator later than this one, past a character no
 * assignment holds before its separator. An unclosed JSON string of words
 * before the next key ("password authentication "message":) is not tried word by word.
 */
function assignmentStartBefore(text: string, separatorAt: number): number {
  let at = separatorAt;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  while (at > 0 && text[at - 1] === '*') at--;
  while (at > 0 && isQuote(text[at - 1])) at--;
  while (at > 0 && isNameChar(text.charCodeAt(at - 1))) at--;
  while (at > 0 && isQuote(text[at - 1])) at--;
  return at;
}

function isQuote(char: string | undefined): boolean {
  return char === '"' || char === "'" || char === '`';
}

/** [\w.$-], the characters of a setting's name in ASSIGNMENT. */
function isNameChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x2e || code === 0x24 || code === 0x2d;
}

/** Whether `raw`, given to a setting named `name`, is a value and not a type, a literal, code or a prose word. */
export function isSecretValue(raw: string, kind: SecretKind, name: string, quoted: boolean, lineStart = true, separator = '='): boolean {
  if (raw === '' || NOT_A_VALUE.test(raw) || (!quoted && CODE_VALUE.test(raw))) return false;
  // PWD=/home/app is the shell's working directory, not an ODBC password.
  if (/^pwd$/i.test(name) && /^(?:\/|~|[A-Za-z]:\\)/.test(raw)) return false;
  if (kind === 'secret_setting' && (raw.length < 8 || /^\d+$/.test(raw))) return false;
  // Node's util.inspect of an object (`_handleAuthCleartextPassword: [Function: bound ...]`).
  if (!quoted && /^\[(?:Function|Object|class|Array|Getter|Circular)\b/.test(raw)) return false;
  // In prose, "password: incorrect" or "token: expired" is a word, not a value.
  if (!quoted && !lineStart && separator === ':' && /^[A-Za-z]+[.,;]?$/.test(raw)) return false;
  if (kind === 'secret_setting' && !quoted && /^[A-Za-z]+$/.test(raw) && !lineStart) return false;
  // `token = req.headers.authorization`: a member path in code, not a value.
  if (!quoted && !lineStart && DOTTED_PATH.test(raw)) return false;
  return true;
}

function isLineStart(text: string, at: number): boolean {
  let i = at - 1;
  // `export X=`, `- X=` (compose list), indentation.
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 5 && text.slice(i - 5, i + 1) === 'export') {
    i -= 6;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  }
  if (i >= 0 && text[i] === '-') {
    i--;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  }
  return i < 0 || text[i] === '\n';
}

interface Value {
  start: number;
  end: number;
  quoted: boolean;
}

/**
 * The value at `at`: a quoted string to its closing quote (backslash escapes,
 * SQL-style doubled quotes); else, on a line of its own with `: ` or ` = `
 * (YAML, INI, properties), the rest of the line without a ` #` comment; else
 * one word, which for libpq's `password=` goes on over bare words up to the
 * next `keyword=` (libpq keeps reading until it sees one), and in a URL query
 * over `&` segments holding no '=' (a raw '&' inside the password).
 */
function readValue(text: string, at: number, options: { lineStart: boolean; separator: string; inQuery: boolean; afterSemicolon: boolean; keywordValue: boolean }): Value | null {
  // `\"value\"` inside a JSON string: quoted by an escaped quote.
  const escapedOpen = escapedQuoteAt(text, at);
  if (!options.inQuery && escapedOpen !== null) {
    const close = text.indexOf(escapedOpen, at + escapedOpen.length);
    const newline = text.indexOf('\n', at);
    if (close !== -1 && close - at <= MAX_VALUE && (newline === -1 || close < newline)) return { start: at + escapedOpen.length, end: close, quoted: true };
  }
  const open = text[at];
  if (!options.inQuery && (open === '"' || open === "'" || open === '`')) {
    let i = at + 1;
    const limit = Math.min(text.length, at + 1 + MAX_VALUE);
    while (i < limit && text[i] !== open && text[i] !== '\n') {
      if (text[i] === '\\') i++;
      else if (open === "'" && text[i] === "'" && text[i + 1] === "'") i++;
      i++;
    }
    if (i >= limit || text[i] !== open) {
      // An unterminated quote (a cut log line): the word after it.
      let j = at + 1;
      while (j < limit && !/\s/.test(text[j] as string)) j++;
      return j > at + 1 ? { start: at + 1, end: j, quoted: false } : null;
    }
    return { start: at + 1, end: i, quoted: true };
  }
  const limit = Math.min(text.length, at + MAX_VALUE);
  const spaced = options.separator !== '=' || /[ \t]$/.test(text.slice(Math.max(0, at - 1), at));
  // A line of its own (.env, YAML, INI): the rest of the line, unless later
  // words are flags (`PGPASSWORD=x psql -h host`: a shell command follows).
  const restOfLine = options.lineStart && (spaced || !/[ \t]-/.test(lineFrom(text, at, limit)));
  if (restOfLine) {
    let end = at;
    while (end < limit && text[end] !== '\n' && text[end] !== '\u001b' && !(text[end] === '\\' && 'nrt"'.includes(text[afterBackslashes(text, end)] ?? ''))) end++;
    const comment = text.slice(at, end).search(/[ \t]#/);
    if (comment >= 0) end = at + comment;
    // The end of an enclosing JSON string or object (`...SecretStr"}`) is not the value's.
    while (end > at && /[ \t"'`,;}\]]/.test(text[end - 1] as string)) end--;
    return end > at ? { start: at, end, quoted: false } : null;
  }
  let end = at;
  // Where a one-word value ends: a URL query at '&' (libpq and JDBC keep
  // spaces and quotes), ODBC/ADO.NET `;Password=x;` at ';', libpq keyword/value
  // at whitespace only ('&', ',' and quotes are ordinary there), prose and code
  // at whitespace or punctuation.
  const ends = (c: string): boolean => {
    if (options.inQuery) return c === '&' || c === '\n' || c === '\r';
    if (options.afterSemicolon) return c === ';' || /\s/.test(c);
    if (options.keywordValue || options.lineStart) return /\s/.test(c);
    return /\s/.test(c) || ',;)}]>&"\'`'.includes(c);
  };
  while (end < limit && !ends(text[end] as string)) {
    // Inside a JSON string a value ends at an escaped line break or quote, and
    // anywhere at a colour code: neither is part of what was typed.
    if (text[end] === '\\' && 'nrt"'.includes(text[afterBackslashes(text, end)] ?? '')) break;
    if (text[end] === '\u001b') break;
    if (text[end] === '\\') end++;
    end++;
  }
  end = Math.min(end, limit);
  // ?password=a&b&sslmode=x: a segment without '=' belongs to the password.
  while (options.inQuery && text[end] === '&') {
    let next = end + 1;
    while (next < limit && text[next] !== '&' && text[next] !== '=' && text[next] !== '\n') next++;
    if (text[next] === '=' || next === end + 1) break;
    end = next;
  }
  if (options.keywordValue) end = overBareWords(text, end, limit);
  // A sentence's full stop or comma is not part of a value.
  while (end > at && !options.lineStart && !options.inQuery && '.,:'.includes(text[end - 1] as string)) end--;
  return end > at ? { start: at, end, quoted: false } : null;
}

function lineFrom(text: string, at: number, limit: number): string {
  const newline = text.indexOf('\n', at);
  return text.slice(at, newline === -1 || newline > limit ? limit : newline);
}

/** `password=a b port=5432`: bare words up to the next `keyword=` on the line belong to the password. */
function overBareWords(text: string, end: number, limit: number): number {
  let probe = end;
  let lastWordEnd = end;
  while (probe < limit && (text[probe] === ' ' || text[probe] === '\t')) {
    while (probe < limit && (text[probe] === ' ' || text[probe] === '\t')) probe++;
    const wordStart = probe;
    while (probe < limit && !/\s/.test(text[probe] as string)) probe++;
    const word = text.slice(wordStart, probe);
    if (word === '') break;
    if (/^[a-z_]+[ \t]*=/.test(word)) return lastWordEnd;
    lastWordEnd = probe;
  }
  return end;
}

function afterBackslashes(text: string, at: number): number {
  let k = at;
  while (k < text.length && k - at < 8 && text[k] === '\\') k++;
  return k;
}

/** `\"` or `\\\"` (a quote escaped once or twice) at `at`: the opening sequence, or null. */
function escapedQuoteAt(text: string, at: number): string | null {
  const k = afterBackslashes(text, at);
  if (k === at || (text[k] !== '"' && text[k] !== "'")) return null;
  return text.slice(at, k + 1);
}

/** The name at `at` opens a call's argument list: `getenv("X", ...)`, `environ.get('X', ...)`. */
function isCallArgument(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '(';
}

/** The setting name at `at` opens a Markdown code span: a '`' before it (past `?`, `&`, `;`, `-` of a query, a connection string or a flag). */
function inCodeSpan(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && '?&;-'.includes(text[i] as string)) i--;
  return text[i] === '`';
}

/**
 * The length of a Markdown emphasis closer (`**`, `__`, `*`, `_`, then spaces)
 * at `at`, when the same run opened earlier on the line; else 0.
 */
function emphasisCloserAt(text: string, at: number, nameAt: number): number {
  const closer = /^(\*{1,2}|_{1,2})(?=[ \t]|$)/m.exec(text.slice(at, at + 3))?.[1];
  if (closer === undefined) return 0;
  const lineStart = text.lastIndexOf('\n', nameAt) + 1;
  if (!text.slice(lineStart, at).includes(closer)) return 0;
  let end = at + closer.length;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return end - at;
}
