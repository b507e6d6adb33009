// Passwords in SQL: CREATE/ALTER ROLE|USER ... [ENCRYPTED] PASSWORD '...'
// (https://www.postgresql.org/docs/current/sql-createrole.html), and MySQL's
// IDENTIFIED BY '...' (https://dev.mysql.com/doc/refman/8.0/en/create-user.html).
// A literal doubles a quote inside it (''), or escapes it in E'...'.
import type { Span } from './types.ts';

const SQL_PASSWORD = /\b(?:PASSWORD|IDENTIFIED\s{1,8}(?:WITH\s{1,8}\w{1,40}\s{1,8})?BY)\s{1,8}E?'/gi;
const MAX_LITERAL = 1024;

export function scanSqlPasswords(text: string): Span[] {
  const spans: Span[] = [];
  SQL_PASSWORD.lastIndex = 0;
  for (let m = SQL_PASSWORD.exec(text); m !== null; m = SQL_PASSWORD.exec(text)) {
    const start = m.index + m[0].length;
    const limit = Math.min(text.length, start + MAX_LITERAL);
    let i = start;
    while (i < limit && text[i] !== '\n') {
      if (text[i] === "'" && text[i + 1] === "'") i += 2;
      else if (text[i] === '\\' && /E'$/i.test(m[0])) i += 2;
      else if (text[i] === "'") break;
      else i++;
    }
    if (text[i] !== "'" || i === start) continue;
    spans.push({ kind: 'sql_password', start, end: i });
    SQL_PASSWORD.lastIndex = i + 1;
  }
  return spans;
}
