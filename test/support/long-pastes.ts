// Long adversarial pastes: shapes that once made a pattern backtrack over the
// whole text. properties.test.ts asserts each gets an answer; bench/parse.ts
// times them (timings live there, never in tests).

/** Each shape about `n` characters long, with its name. */
export function longPastes(n: number): Array<[name: string, text: string]> {
  return [
    ['repeated "postgresql://a:"', 'postgresql://a:'.repeat(n / 15)],
    ['"PASSWORD" repeated', 'PASSWORD'.repeat(n / 8)],
    ['a password of dots', `postgresql://u:${'.'.repeat(n)}@h`],
    ['repeated ?password=x&', `postgresql://h/db?${'password=x&'.repeat(n / 11)}`],
    ["repeated password='", "password='".repeat(n / 10)],
    ['letters only', 'a'.repeat(n)],
  ];
}
