// Every parameter a string names, read leniently (libpq stops at the first
// unknown one), so each can be explained. Values are not kept: only keys.
import { queryOf } from './intended-uri.ts';
import { percentDecode } from './percent-decode.ts';

export function parameterKeys(meant: string, form: 'uri' | 'keyword_value'): string[] {
  if (form === 'uri') {
    const query = queryOf(meant);
    if (query === undefined) return [];
    return query
      .split('&')
      .map((pair) => pair.split('=')[0] ?? '')
      .map((k) => {
        const d = percentDecode(k);
        return d.ok ? d.value : k;
      })
      .filter((k) => k !== '');
  }
  // Quoted values (options='-c search_path=app') hold no keywords.
  const unquoted = meant.replace(/'(?:[^'\\]|\\.)*'?/g, "''");
  return [...unquoted.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)\s*=/g)].map((m) => m[1] as string);
}
