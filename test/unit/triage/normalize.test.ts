import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hardWrapWidth, normalize, toInputSpan, unwrapJoins } from '../../../src/triage/normalize.ts';

test('a line that ends in a blank is joined to the next, as a terminal or web page wrapped it', () => {
  const input = 'QueryFailedError: relation "match" \ndoes not exist';
  const { text } = normalize(input);
  assert.equal(text, 'QueryFailedError: relation "match" does not exist');
});

test('a line that ends in a word keeps its line break', () => {
  const input = 'Traceback (most recent call last):\n  File "app.py", line 3';
  assert.equal(normalize(input).text, input);
});

test('a joined line still maps every character back to the input', () => {
  const input = 'relation "match" \r\ndoes not exist';
  const normalized = normalize(input);
  const start = normalized.text.indexOf('does');
  const span = toInputSpan(normalized, input, start, start + 'does not exist'.length);
  assert.equal(input.slice(span.start, span.end), 'does not exist');
});

test('a docker-compose service column is dropped at every line start', () => {
  const input = 'api-1  | Error: connect ECONNREFUSED 10.0.0.5:5432\napi-1  |     at TCPConnectWrap.afterConnect';
  assert.equal(normalize(input).text, 'Error: connect ECONNREFUSED 10.0.0.5:5432\n    at TCPConnectWrap.afterConnect');
});

test('a Kubernetes (CRI) timestamp and stream prefix is dropped at every line start', () => {
  const input = '2024-05-01T10:00:00.123456789Z stderr F psql: error: FATAL:  role "app" \n2024-05-01T10:00:00.123456789Z stderr F does not exist';
  assert.equal(normalize(input).text, 'psql: error: FATAL:  role "app" does not exist');
});

test('a Markdown quote marker is dropped at every line start', () => {
  const input = '> server closed the connection unexpectedly\n>\tThis probably means the server terminated abnormally';
  assert.equal(normalize(input).text, 'server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally');
});

test('a compose column wrapped in colour codes is dropped too', () => {
  const input = '\x1b[36mweb_1    |\x1b[0m FATAL:  database "app" does not exist';
  assert.equal(normalize(input).text, 'FATAL:  database "app" does not exist');
});

test('a soft wrap is found behind a colour reset and inside a JSON string', () => {
  assert.equal(normalize('relation "match" \x1b[0m\n\x1b[31mdoes not exist\x1b[0m').text, 'relation "match" does not exist');
  assert.equal(normalize('{"msg":"relation \\"match\\" \\ndoes not exist"}').text, '{"msg":"relation "match" does not exist"}');
});

test('a line that only looks like text with a bar keeps words that are not a prefix', () => {
  // Leading blanks or punctuation are never a collector's column.
  const input = '  id | name\n-----+------';
  assert.equal(normalize(input).text, input);
});

test('a dropped prefix still maps evidence back to the input', () => {
  const input = 'db-1  | FATAL:  too many connections for role "app"';
  const normalized = normalize(input);
  const start = normalized.text.indexOf('too many');
  const span = toInputSpan(normalized, input, start, start + 'too many connections'.length);
  assert.equal(input.slice(span.start, span.end), 'too many connections');
});

test("a process manager's named column or bracketed tag is dropped at every line start", () => {
  assert.equal(
    normalize('Backend Server | Authentication failed against the database server, the provided\nBackend Server | database credentials are not valid').text,
    'Authentication failed against the database server, the provided\ndatabase credentials are not valid',
  );
  assert.equal(normalize('[api] error: relation "users" \n[api] does not exist').text, 'error: relation "users" does not exist');
});

test('a break right after a line of exactly the hard-wrap width is undone without a separator', () => {
  const input = 'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not transl\nate host name "db" to address\nnext line';
  const width = hardWrapWidth(input);
  assert.equal(width, 'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not transl'.length);
  assert.equal(
    normalize(input, { hardWrapAt: width }).text,
    'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not translate host name "db" to address\nnext line',
  );
  // Without the option the break stays where it was pasted.
  assert.ok(normalize(input).text.includes('transl\nate'));
});

test('the joins of the unwrapped reading are found without building it: each dropped break in a window of that reading', () => {
  const first = 'api-1  | FATAL: could not translate host name "db-primary.internal" to addr';
  const input = `${first}\napi-1  | ess: Name or service not known\nnext`;
  const width = hardWrapWidth(input);
  assert.equal(normalize(input, { hardWrapAt: width }).text, 'FATAL: could not translate host name "db-primary.internal" to addrapi-1  | ess: Name or service not known\nnext');
  // Two characters before the dropped break, the prefix the unwrapped reading keeps, two characters after.
  assert.deepEqual(unwrapJoins(input, width), { windows: [{ text: 'drapi-1  | es', at: 2, prefix: 'api-1  | '.length }], exact: true });
  // An empty line after a join: the soft-wrap rule may read on differently, so the windows are not the only difference.
  assert.equal(unwrapJoins(`${'x'.repeat(70)}\n\nshort\n${'y'.repeat(70)}`, 70).exact, false);
  assert.deepEqual(unwrapJoins('no wrap here\nnone'.repeat(3), 70), { windows: [], exact: true });
});

test('short texts and a longest line that ends the text do not look hard-wrapped', () => {
  assert.equal(hardWrapWidth('FATAL:  role "app" does not exist\nDETAIL:  none'), 0);
  assert.equal(hardWrapWidth('short\n' + 'x'.repeat(90)), 0);
});

test('the longest line prefixes of each form are still dropped (the quick test before the prefix regex reaches far enough)', () => {
  // A column: a name of 41 characters, two words of 20, 16 blanks, then the bar (COLUMN_BAR_REACH).
  const column = `a${'b'.repeat(40)} ${'c'.repeat(20)} ${'d'.repeat(20)}${' '.repeat(16)}| `;
  // Kubernetes: a nine-digit fraction and a zone with a colon (STREAM_REACH).
  const cri = '2024-05-01T10:00:00.123456789+05:30 stderr F ';
  for (const prefix of [column, cri, '[api-server.1:x] ', '> > ', '9pod-1 | ']) {
    const input = `${prefix}could not translate host name "db"\n${prefix}to address`;
    assert.equal(normalize(input).text, 'could not translate host name "db"\nto address', JSON.stringify(prefix));
  }
  // One character more and the column form no longer matches: the line is kept as it is.
  const tooLong = `a${'b'.repeat(40)} ${'c'.repeat(20)} ${'d'.repeat(20)}${' '.repeat(17)}| x`;
  assert.equal(normalize(tooLong).text, tooLong);
});
