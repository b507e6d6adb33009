// Connection strings inside a chat message, so the chat can show the audit
// of each: URIs (also JDBC and SQLAlchemy ones), `.env` lines that assign
// one, and keyword/value strings of at least two libpq keywords including
// one that says where to connect. Error messages that merely name a host
// (`connection to server at "localhost" (::1), port 5432 failed`) hold no
// `scheme://` and no keyword=value run, so they yield nothing.
import { LIBPQ_KEYWORDS } from './libpq-options.ts';

const URI = /(?:jdbc:)?postgres(?:ql)?(?:\+[a-z0-9_]+)?:\/\/[^\s"'`<>]*/gi;
const ENV_LINE = /^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*=[ \t]*(["']?)(?:jdbc:)?postgres(?:ql)?(?:\+[a-z0-9_]+)?:\/\/[^\s"'`]*\1[ \t]*$/gim;
const KEYWORDS = LIBPQ_KEYWORDS.map((k) => k.keyword).sort((a, b) => b.length - a.length).join('|');
// Bounded value lengths keep the scan linear on long pastes.
const PAIR = `(?:${KEYWORDS})[ \\t]{0,10}=[ \\t]{0,10}(?:'(?:[^'\\\\\\n]|\\\\.){0,500}'|[^\\s'"]{1,500})`;
const KEYWORD_RUN = new RegExp(`(?<![\\w.])${PAIR}(?:[ \\t]+${PAIR})+`, 'g');
const WHERE = /^(host|hostaddr|port|dbname|user|service)[ \t]*=/;
// Prose around a pasted URI: a sentence's full stop or a closing bracket.
const TRAILING = '.,;:!?)]}>';

function withoutTrailingPunctuation(uri: string): string {
  let end = uri.length;
  while (end > 0 && TRAILING.includes(uri[end - 1] as string)) end--;
  return uri.slice(0, end);
}

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function findConnectionStrings(text: string): string[] {
  if (typeof text !== 'string' || text === '') return [];
  const hits: Hit[] = [];
  for (const m of text.matchAll(ENV_LINE)) {
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    hits.push({ start, end: start + m[0].trim().length, text: m[0].trim() });
  }
  const covered = (start: number, end: number) => hits.some((h) => start >= h.start && end <= h.end);
  for (const m of text.matchAll(URI)) {
    const start = m.index ?? 0;
    const uri = withoutTrailingPunctuation(m[0]);
    if (!covered(start, start + uri.length) && /:\/\/./.test(uri)) hits.push({ start, end: start + uri.length, text: uri });
  }
  for (const m of text.matchAll(KEYWORD_RUN)) {
    const start = m.index ?? 0;
    const pairs = m[0].split(/[ \t]+(?=[a-z_]+[ \t]*=)/);
    if (covered(start, start + m[0].length) || !pairs.some((p) => WHERE.test(p))) continue;
    hits.push({ start, end: start + m[0].length, text: m[0] });
  }
  return [...new Set(hits.sort((a, b) => a.start - b.start).map((h) => h.text))];
}
