// unwrap.ts: the connection string inside what was pasted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unwrap } from '../../../src/connstr/unwrap.ts';

const CASES: Array<[string, string, string, string, string[]]> = [
  ['a quoted .env line', 'DATABASE_URL="postgresql://u@h/db"', 'env_line', 'postgresql://u@h/db', ['env_line', 'quotes']],
  ['an export line', 'export DATABASE_URL=postgresql://u@h/db', 'env_line', 'postgresql://u@h/db', ['env_line']],
  ['a quoted URI with whitespace around', "  'postgresql://h/db' \n", 'quoted', 'postgresql://h/db', ['surrounding_whitespace', 'quotes']],
  ['a JDBC URL', 'jdbc:postgresql://h:5432/db?user=u', 'jdbc', 'postgresql://h:5432/db?user=u', ['jdbc']],
  ['a SQLAlchemy URL', 'postgresql+asyncpg://u@h/db', 'sqlalchemy', 'postgresql://u@h/db', ['sqlalchemy']],
  ['a psql command', 'psql "postgresql://u@h/db"', 'shell_command', 'postgresql://u@h/db', ['shell_command', 'quotes']],
  ['an upper-case scheme', 'PostgreSQL://h/db', 'uri', 'postgresql://h/db', ['scheme_case']],
  ['a keyword/value string, left as is', 'host=h dbname=db', 'keyword_value', 'host=h dbname=db', []],
  ['a lower-case libpq keyword, not an env line', 'host=postgresql://x', 'keyword_value', 'host=postgresql://x', []],
  ['nothing', '   ', 'empty', '', ['surrounding_whitespace']],
];

for (const [title, input, form, meant, steps] of CASES) {
  test(`unwraps ${title}`, () => {
    const u = unwrap(input);
    assert.deepEqual({ form: u.form, meant: u.meant, steps: u.steps }, { form, meant, steps });
  });
}

test('names a scheme libpq does not know', () => {
  assert.equal(unwrap('mysql://h/db').foreignScheme, 'mysql://');
  assert.equal(unwrap('postgresql:/h/db').foreignScheme, 'postgresql:/');
  assert.equal(unwrap('postgresql:h/db').foreignScheme, 'postgresql:');
  assert.equal(unwrap('postgresql//h/db').foreignScheme, 'postgresql//');
});
