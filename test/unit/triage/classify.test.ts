import assert from 'node:assert/strict';
import { test } from 'node:test';
import { triage } from '../../../src/triage/classify.ts';
import { HEAD_CHARS, TAIL_CHARS } from '../../../src/triage/normalize.ts';
import { readCorpus } from '../../support/family-tester.ts';

function spansPointIntoRedactedText(text: string): void {
  const result = triage(text);
  for (const e of result.evidence) assert.equal(result.redactedText.slice(e.start, e.end), e.text, e.rule);
}

test('a structured code outranks the wording of another family', () => {
  const result = triage("error: server closed the connection unexpectedly\n  severity: 'FATAL',\n  code: '28P01',");
  assert.equal(result.family, 'auth_failed');
  assert.equal(result.evidence[0]?.kind, 'sqlstate');
  assert.deepEqual(result.alternatives.map((a) => a.family), ['stale_connection']);
});

test('the SQLSTATE inside a Neon proxy log decides over the proxy wording around it', () => {
  const text =
    'ERROR connect_request{ep=ep-orange-boat-w11dj1ty}:connect_to_compute: couldn\'t connect to compute node error=Postgres(Error { kind: Db, cause: Some(DbError { severity: "FATAL", code: SqlState(E3D000), message: "database \\"neondb\\" does not exist" }) })';
  const result = triage(text);
  assert.equal(result.family, 'database_missing');
  assert.ok(result.evidence.some((e) => e.rule === 'database_missing/sqlstate-3D000'));
  assert.equal(result.alternatives[0]?.family, 'neon_endpoint');
});

test('an all-digit number is not read as a SQLSTATE without its label', () => {
  assert.equal(triage('server listening on port 53300, pid 28000').family, 'unknown');
  assert.equal(triage('FATAL:  53300: sorry, too many clients already').family, 'too_many_connections');
  assert.equal(triage('(SQLSTATE 53300)').family, 'too_many_connections');
});

test('a console hard-wrap that cuts a word is read unwrapped, with the evidence across the cut', () => {
  const text = 'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not transl\nate host name "db" to address\nnext line';
  const result = triage(text);
  assert.equal(result.family, 'cannot_connect');
  assert.equal(result.evidence[0]?.text, 'could not transl\nate host name');
  assert.equal(result.confidence, triage(text.replace('transl\nate', 'translate')).confidence);
  spansPointIntoRedactedText(text);
});

test('ANSI colours are ignored and the evidence still points into the text as pasted', () => {
  const text = '\u001b[31merror\u001b[39m: password \u001b[1mauthentication\u001b[22m failed for user "app"';
  const result = triage(text);
  assert.equal(result.family, 'auth_failed');
  assert.ok(result.evidence[0]?.text.includes('authentication'));
  spansPointIntoRedactedText(text);
});

test('escaped ANSI and JSON log wrappers are unwrapped', () => {
  const text = '{"level":50,"msg":"\\u001b[31mquery failed\\u001b[39m","err":{"message":"role \\"app_user\\" does not exist","stack":"error: role \\"app_user\\" does not exist\\n    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:287:98)"}}';
  const result = triage(text);
  assert.equal(result.family, 'role_missing');
  assert.ok(result.evidence[0]?.text.startsWith('role \\"app_user\\"'));
  spansPointIntoRedactedText(text);
});

test('HTML entities from a pasted web page are decoded', () => {
  assert.equal(triage('FATAL: database &quot;shop&quot; does not exist').family, 'database_missing');
});

test('a local ECONNREFUSED names the unloaded .env as the runner-up', () => {
  const result = triage('Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1494:16)');
  assert.equal(result.family, 'cannot_connect');
  assert.equal(result.alternatives[0]?.family, 'env_missing');
  assert.ok(result.confidence < 0.7, `confidence ${result.confidence}`);
  assert.ok(result.alternatives[0].confidence > 0.1 && result.alternatives[0].confidence < result.confidence);
  assert.equal(result.runbook.steps[0]?.id, 'verify_host');
});

test('a refusal from a remote host is surer and has no .env runner-up', () => {
  const local = triage('Error: connect ECONNREFUSED 127.0.0.1:5432');
  const remote = triage('Error: connect ECONNREFUSED 10.20.30.40:5432');
  assert.equal(remote.family, 'cannot_connect');
  assert.ok(remote.confidence > local.confidence);
  assert.deepEqual(remote.alternatives, []);
});

test('confidence is 1 only for a lone structured code and lower for wording', () => {
  assert.equal(triage("code: '28P01'").confidence, 1);
  const wording = triage('password authentication failed for user "app"');
  assert.ok(wording.confidence < 1 && wording.confidence >= 0.9);
  const weak = triage('could not connect to server');
  assert.equal(weak.family, 'cannot_connect');
  assert.ok(weak.confidence < 0.7);
});

test('text that fits no family is unknown, with the runbook that asks for the exact error', () => {
  const result = triage('the page is blank after deploy');
  assert.equal(result.family, 'unknown');
  assert.deepEqual(result.evidence, []);
  assert.deepEqual(result.alternatives, []);
  assert.equal(result.runbook.steps[0]?.id, 'ask_exact_error');
  assert.equal(triage('').family, 'unknown');
});

test('a pasted secret is flagged and redacted, and the family is the same before and after', () => {
  const text = 'psql "postgresql://neondb_owner:npg_Zx81qTliveSecret@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb"\npsql: error: FATAL:  password authentication failed for user \'neondb_owner\'';
  const result = triage(text);
  assert.equal(result.secretExposed, true);
  assert.match(result.secretNotice ?? '', /password inside a connection string.*rotate it/);
  assert.ok(!result.redactedText.includes('npg_Zx81qTliveSecret'));
  assert.ok(!JSON.stringify(result).includes('npg_Zx81qTliveSecret'));
  assert.equal(result.family, 'auth_failed');
  assert.equal(triage(result.redactedText).family, result.family);
  spansPointIntoRedactedText(text);
});

test('a placeholder password is hidden but no rotation is asked for', () => {
  const result = triage('postgresql://app:[YOUR-PASSWORD]@db.example.supabase.co:5432/postgres\nFATAL:  password authentication failed for user "app"');
  assert.equal(result.secretExposed, false);
  assert.equal(result.secretNotice, undefined);
  assert.ok(result.redactedText.includes('<redacted>'));
});

test('redaction never changes the family of a corpus text', () => {
  for (const row of readCorpus()) {
    const before = triage(row.text);
    assert.equal(triage(before.redactedText).family, before.family, row.id);
  }
});

test('the same text always gives the same answer', () => {
  const text = 'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) SSL SYSCALL error: EOF detected';
  assert.deepEqual(triage(text), triage(text));
});

test('the client is the layer that owns the pool', () => {
  assert.equal(triage('sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) SSL SYSCALL error: EOF detected').client, 'sqlalchemy');
  assert.equal(triage('psycopg2.OperationalError: SSL SYSCALL error: EOF detected').client, 'psycopg2');
  assert.equal(triage('Error: P1001: Can\'t reach database server at `db:5432`').client, 'prisma');
  assert.equal(triage("QueryFailedError: relation \"user\" does not exist\n    at PostgresQueryRunner.query (node_modules/typeorm/driver/postgres/PostgresQueryRunner.js:211:19)").client, 'typeorm');
  assert.equal(triage('org.postgresql.util.PSQLException: FATAL: sorry, too many clients already').client, 'jdbc');
  assert.equal(triage('the page is blank').client, null);
});

test('a long log is read at its head and its tail: the last error is found, the middle is not read', () => {
  const filler = '2024-05-01 10:00:00 INFO request served in 12ms\n';
  const head = filler.repeat(Math.ceil(HEAD_CHARS / filler.length));
  const tail = 'psycopg2.OperationalError: server closed the connection unexpectedly\n';
  assert.equal(triage(head + head + tail).family, 'stale_connection');
  const middle = head + 'FATAL:  sorry, too many clients already\n' + filler.repeat(Math.ceil((TAIL_CHARS * 2) / filler.length));
  assert.equal(triage(middle).family, 'unknown');
});

test('localized server messages classify like the English ones', () => {
  // msgstr of PostgreSQL's backend .po files, as users paste them (banbox/banbot#88, tum-ewk/lemlab#24).
  const cases: [string, string][] = [
    ['FATAL:  la autentificación password falló para el usuario «postgres»', 'auth_failed'],
    ['psql: 错误: 连接到"localhost" (::1)上的服务器，端口5432失败：致命错误:  用户 "postgres" Password 认证失败', 'auth_failed'],
    ['ВАЖНО:  пользователь "app" не прошёл проверку подлинности (по паролю)', 'auth_failed'],
    ['FATAL:  Datenbank »shop« existiert nicht', 'database_missing'],
    ['psycopg2.errors.UndefinedTable: FEHLER:  Relation »info_user« existiert nicht', 'schema_missing'],
    ['FATAL:  Verbindung wird abgebrochen aufgrund von Anweisung des Administrators', 'stale_connection'],
    ['FATAL:  lo siento, ya tenemos demasiados clientes', 'too_many_connections'],
  ];
  for (const [text, family] of cases) assert.equal(triage(text).family, family, text);
});

test('an invalid URL whose input is undefined is a setting never loaded, with the URL as runner-up', () => {
  const result = triage("TypeError [ERR_INVALID_URL]: Invalid URL\n    at new URL (node:internal/url:775:36) {\n  code: 'ERR_INVALID_URL',\n  input: 'undefined'\n}");
  assert.equal(result.family, 'env_missing');
  assert.equal(result.alternatives[0]?.family, 'url_malformed');
  assert.equal(triage('TypeError: Invalid URL\n    at new URL (node:internal/url:818:25)').family, 'url_malformed');
});

test('the runbook comes in the variant of the detected client: SQLAlchemy gets pool_pre_ping', () => {
  const text = 'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n(Background on this error at: https://sqlalche.me/e/20/e3q8)';
  const result = triage(text);
  assert.equal(result.family, 'stale_connection');
  assert.equal(result.client, 'sqlalchemy');
  assert.equal(result.runbook.steps[0]?.id, 'confirm_pre_ping');
  assert.match(result.runbook.steps[0]?.verify ?? '', /pool_pre_ping=True/);
});
