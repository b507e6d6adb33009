// One table per form a secret takes in a paste: each row is a fake value in
// the real format, the test asserts it is found, redacted and called live;
// look-alike tables assert nothing is flagged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSecrets } from '../../../src/secrets/find.ts';
import type { SecretKind } from '../../../src/secrets/kinds.ts';
import { redactSecrets } from '../../../src/secrets/redact.ts';
import { buildChecklist } from '../../../src/secrets/checklist/checklist.ts';
import { PROVIDERS } from '../../../src/secrets/checklist/providers.ts';
import { RUNBOOKS } from '../../../src/triage/runbooks/registry.ts';
import { FAKE } from '../../support/fake-secrets.ts';

interface Row {
  title: string;
  text: string;
  /** Every piece that must not survive redaction. */
  secrets: string[];
  kind?: SecretKind;
  /** Text that must survive (the readable rest). */
  keeps?: string[];
}

const PW = FAKE.password();
const NPG = FAKE.neonPassword();

function assertRedacted({ text, secrets, kind, keeps = [] }: Row): void {
  const result = redactSecrets(text);
  for (const secret of secrets) assert.ok(!result.text.includes(secret), `"${secret}" survived in: ${result.text}`);
  assert.ok(result.text.includes('<redacted>'), result.text);
  assert.equal(result.secretExposed, true, `not called live: ${JSON.stringify(result.findings)}`);
  if (kind !== undefined) assert.ok(result.findings.some((f) => f.kind === kind), `no ${kind} in ${JSON.stringify(result.findings)}`);
  for (const kept of keeps) assert.ok(result.text.includes(kept), `"${kept}" was lost: ${result.text}`);
}

function table(name: string, rows: Row[]): void {
  describe(name, () => {
    const titles = new Set<string>();
    for (const row of rows) {
      assert.ok(!titles.has(row.title), `duplicate row ${row.title}`);
      titles.add(row.title);
      test(row.title, () => assertRedacted(row));
    }
  });
}

table('database URLs', [
  { title: 'postgresql://', text: `postgresql://app:${PW}@db.example.com:5432/app`, secrets: [PW], kind: 'url_password', keeps: ['postgresql://app:', '@db.example.com:5432/app'] },
  { title: 'postgres:// with a Neon npg_ password', text: `postgres://neondb_owner:${NPG}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require`, secrets: [NPG], keeps: ['ep-cool-darkness-123456'] },
  { title: 'a driver scheme (postgresql+asyncpg)', text: `postgresql+asyncpg://app:${PW}@db/app`, secrets: [PW], kind: 'url_password' },
  { title: 'raw @ / ? # in the password (to the last @ outside the query)', text: `postgres://app:p@ss/w?rd#${PW}@db.example.com/app?sslmode=require`, secrets: [`p@ss/w?rd#${PW}`, 'ss/w?rd'], keeps: ['@db.example.com/app?sslmode=require'] },
  { title: 'an @ in a query value is not the userinfo end', text: `postgresql://u:${PW}@h/db?application_name=me@corp`, secrets: [PW], keeps: ['@h/db?application_name=me@corp'] },
  { title: 'a percent-encoded password', text: `postgresql://app:${encodeURIComponent(`${PW}@:/`)}@db/app`, secrets: [PW] },
  { title: 'an IPv6 host', text: `postgresql://app:${PW}@[2001:db8::1]:5432/app`, secrets: [PW], keeps: ['[2001:db8::1]'] },
  { title: 'multiple hosts', text: `postgresql://app:${PW}@h1:5432,h2:5433/app?target_session_attrs=read-write`, secrets: [PW], keeps: ['h1:5432,h2:5433'] },
  { title: '?password= in the query', text: `postgresql://db.example.com/app?user=app&password=${PW}&sslmode=require`, secrets: [PW], keeps: ['&sslmode=require'] },
  { title: '?password= holding a raw &', text: `postgresql://h/app?password=${PW}&x9&sslmode=require`, secrets: [`${PW}&x9`], keeps: ['&sslmode=require'] },
  { title: 'a JDBC URL', text: `jdbc:postgresql://db:5432/app?user=app&password=${PW}&ssl=true`, secrets: [PW], keeps: ['&ssl=true'] },
  { title: 'an ADO.NET / ODBC string', text: `Server=db;Port=5432;Database=app;User Id=app;Password=${PW};SSL Mode=Require`, secrets: [PW], keeps: [';SSL Mode=Require'] },
  { title: 'keyword/value, quoted with an escaped quote', text: `host=db user=app password='${PW} \\' x' dbname=app`, secrets: [PW, "\\' x"], keeps: ['dbname=app'] },
  { title: 'keyword/value, unquoted and followed by bare words', text: `host=db password=${PW} more port=5432`, secrets: [PW, ' more'], keeps: ['port=5432'] },
  { title: 'PGPASSWORD= before a command', text: `PGPASSWORD=${PW} psql -h db -U app`, secrets: [PW], keeps: ['psql -h db -U app'] },
  { title: 'a .pgpass line', text: `db.example.com:5432:app:app:${PW}`, secrets: [PW], kind: 'pgpass_password', keeps: ['db.example.com:5432:app:app:'] },
  { title: 'a .pgpass line with \\: escapes', text: `\\:\\:1:5432:*:app:${PW}\\:x`, secrets: [PW], kind: 'pgpass_password' },
  { title: 'a .pgpass line with escapes in the database and user', text: `db.example.com:5432:my\\:db:dom\\\\app:${PW}`, secrets: [PW], kind: 'pgpass_password', keeps: ['my\\:db:dom\\\\app:'] },
  // Tokens of fewer than four ':' before it; the line runs on past a blank a backslash escapes.
  { title: 'a .pgpass line after key:value tokens, an escaped blank in its password', text: `ts:12:00:01 level:info x\\ db.example.com:5432:app:app:${PW}\\ ${PW}`, secrets: [PW], kind: 'pgpass_password', keeps: ['ts:12:00:01 level:info x\\ db.example.com:5432:app:app:'] },
  { title: "Neon's endpoint=<id>;<password> keeps the endpoint id", text: `postgresql://app:endpoint=ep-cool-darkness-123456;${NPG}@ep-cool-darkness-123456.aws.neon.tech/neondb`, secrets: [NPG], keeps: ['endpoint=ep-cool-darkness-123456;'] },
  { title: 'MySQL', text: `mysql://root:${PW}@127.0.0.1:3306/app`, secrets: [PW] },
  { title: 'MongoDB SRV', text: `mongodb+srv://app:${PW}@cluster0.abcde.mongodb.net/app?retryWrites=true`, secrets: [PW] },
  { title: 'Redis with an empty user', text: `redis://:${PW}@cache:6379/0`, secrets: [PW] },
  { title: 'AMQP', text: `amqps://app:${PW}@rabbit.example.com/vhost`, secrets: [PW] },
]);

table('settings', [
  { title: '.env', text: `DB_PASSWORD=${PW}\nDB_HOST=db`, secrets: [PW], kind: 'password_setting', keeps: ['DB_HOST=db'] },
  { title: '.env with export and quotes', text: `export SMTP_PASSWORD="${PW} x"`, secrets: [PW, ' x'] },
  { title: 'JSON', text: `{"host":"db","password":"${PW}","port":5432}`, secrets: [PW], keeps: ['"port":5432'] },
  { title: 'YAML', text: `database:\n  user: app\n  password: ${PW}\n  host: db`, secrets: [PW], keeps: ['host: db'] },
  { title: 'TOML', text: `[database]\npassword = "${PW}"`, secrets: [PW] },
  { title: 'INI with spaces in the value', text: `[db]\npassword = ${PW} and more\nhost = db`, secrets: [PW, 'and more'], keeps: ['host = db'] },
  { title: 'HCL', text: `resource "x" "y" {\n  password = "${PW}"\n}`, secrets: [PW] },
  { title: 'docker-compose environment map', text: `services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${PW}`, secrets: [PW] },
  { title: 'docker-compose environment list', text: `    environment:\n      - POSTGRES_PASSWORD=${PW}`, secrets: [PW] },
  { title: 'Spring properties', text: `spring.datasource.password=${PW}`, secrets: [PW] },
  { title: 'a JS literal', text: `const pool = new Pool({ user: 'app', password: '${PW}', host: 'db' })`, secrets: [PW], keeps: ["host: 'db'"] },
  { title: 'a Python keyword argument', text: `psycopg2.connect(host="db", password="${PW}")`, secrets: [PW] },
  { title: 'a Go assignment', text: `dbPassword := "${PW}"`, secrets: [PW] },
  { title: 'a PHP array', text: `'password' => '${PW}',`, secrets: [PW] },
  { title: 'a default in os.environ.get', text: `os.environ.get("DB_PASSWORD", "${PW}")`, secrets: [PW] },
  { title: 'a default after process.env ||', text: `const secret = process.env.JWT_SECRET || "${PW}"`, secrets: [PW] },
  { title: 'a typed field with a default', text: `    password: str = "${PW}"`, secrets: [PW] },
  { title: "Rust's Debug form (prisma/prisma#6480)", text: `PostgresUrl { username: "postgres", password: Some("${PW}"), host: Some(Domain("db")) }`, secrets: [PW] },
  { title: 'a CLI flag', text: `pg_dump --password=${PW} --host=db`, secrets: [PW], keeps: ['--host=db'] },
  { title: 'an AWS secret by name', text: `AWS_SECRET_ACCESS_KEY=${FAKE.awsSecret()}`, secrets: [FAKE.awsSecret()], kind: 'secret_setting' },
  { title: 'a JWT signing secret by name', text: `JWT_SECRET=${FAKE.hexToken()}`, secrets: [FAKE.hexToken()] },
  { title: 'an SMTP password', text: `EMAIL_HOST_PASSWORD = '${PW}'`, secrets: [PW] },
  { title: 'SQL CREATE ROLE', text: `CREATE ROLE app LOGIN PASSWORD '${PW}';`, secrets: [PW], kind: 'sql_password' },
  { title: 'SQL ALTER ROLE ... WITH ENCRYPTED PASSWORD, a doubled quote inside', text: `ALTER ROLE app WITH ENCRYPTED PASSWORD '${PW}''x';`, secrets: [PW, "''x"], kind: 'sql_password' },
  { title: "MySQL IDENTIFIED BY", text: `CREATE USER 'app'@'%' IDENTIFIED BY '${PW}';`, secrets: [PW] },
  { title: 'Authorization: Bearer', text: `curl -H "Authorization: Bearer ${FAKE.hexToken()}" https://api.example.com`, secrets: [FAKE.hexToken()], kind: 'bearer_token' },
  { title: 'Authorization: Basic', text: `Authorization: Basic ${Buffer.from(`app:${PW}`).toString('base64')}`, secrets: [Buffer.from(`app:${PW}`).toString('base64')], kind: 'basic_auth' },
]);

table('provider keys', [
  { title: 'OpenAI project key', text: `OPENAI key: ${FAKE.openai()}`, secrets: [FAKE.openai()], kind: 'openai_key' },
  { title: 'OpenAI legacy key', text: `openai.api_key = ${FAKE.openaiLegacy()}`, secrets: [FAKE.openaiLegacy()] },
  { title: 'Anthropic key', text: `x-api-key: ${FAKE.anthropic()}`, secrets: [FAKE.anthropic()], kind: 'anthropic_key' },
  { title: 'Stripe live secret key', text: `stripe.api_key = "${FAKE.stripeLive()}"`, secrets: [FAKE.stripeLive()] },
  { title: 'Stripe restricted key in prose', text: `I used ${FAKE.stripeRestricted()} in prod`, secrets: [FAKE.stripeRestricted()], kind: 'stripe_key' },
  { title: 'Stripe webhook secret', text: `endpoint secret ${FAKE.stripeWebhook()}`, secrets: [FAKE.stripeWebhook()], kind: 'stripe_webhook_secret' },
  { title: 'AWS key id and secret together', text: `Access key ID,Secret access key\n${FAKE.awsKeyId()},${FAKE.awsSecret()}`, secrets: [FAKE.awsKeyId(), FAKE.awsSecret()], kind: 'aws_secret_access_key' },
  { title: 'GitHub classic token', text: `git clone https://${FAKE.githubPat()}@github.com/org/repo.git`, secrets: [FAKE.githubPat()], kind: 'github_token' },
  { title: 'GitHub fine-grained token', text: `GH_TOKEN ${FAKE.githubFineGrained()}`, secrets: [FAKE.githubFineGrained()], kind: 'github_token' },
  { title: 'GitHub OAuth token', text: `token ${FAKE.githubOauth()} expired`, secrets: [FAKE.githubOauth()] },
  { title: 'Slack bot token', text: `slack: ${FAKE.slackBot()}`, secrets: [FAKE.slackBot()], kind: 'slack_token' },
  { title: 'Slack webhook', text: `POST https://hooks.slack.com/services/${FAKE.slackWebhookPath()} failed`, secrets: [FAKE.slackWebhookPath()], kind: 'slack_webhook', keeps: ['https://hooks.slack.com/services/'] },
  { title: 'Google API key', text: `maps?key=${FAKE.googleApiKey()}`, secrets: [FAKE.googleApiKey()], kind: 'google_api_key' },
  { title: 'Neon API key', text: `neonctl --api-key ${FAKE.neonApiKey()}`, secrets: [FAKE.neonApiKey()], kind: 'neon_api_key' },
  { title: 'Neon role password alone', text: `my password is ${NPG}, is that right?`, secrets: [NPG], kind: 'neon_password' },
  { title: 'Twilio API key', text: `twilio api key ${FAKE.twilioApiKey()}`, secrets: [FAKE.twilioApiKey()], kind: 'twilio_api_key' },
  { title: 'SendGrid key', text: `sendgrid: ${FAKE.sendgrid()}`, secrets: [FAKE.sendgrid()], kind: 'sendgrid_key' },
  { title: 'npm token', text: `//registry.npmjs.org/:_authToken=${FAKE.npm()}`, secrets: [FAKE.npm()] },
  { title: 'a JWT', text: `cookie session=${FAKE.jwt()}; Path=/`, secrets: [FAKE.jwt()], kind: 'jwt' },
  { title: 'a PEM private key, whole', text: `key:\n${FAKE.privateKey()}\nend`, secrets: ['MIIEpAIBAAKCAQEAFAKE', 'BEGIN RSA PRIVATE KEY'], kind: 'private_key', keeps: ['end'] },
  { title: 'an OpenSSH private key', text: FAKE.privateKey(25, 'OPENSSH PRIVATE KEY'), secrets: ['MIIEpAIBAAKCAQEAFAKE'], kind: 'private_key' },
  { title: 'a PEM block cut short', text: FAKE.privateKey(26, 'PRIVATE KEY').split('\n').slice(0, 3).join('\n'), secrets: ['MIIEpAIBAAKCAQEAFAKE'], kind: 'private_key' },
]);

const URL = `postgresql://app:${PW}@db.example.com/app`;
table('wrappers', [
  { title: 'a stack trace', text: `Error: connect ECONNREFUSED\n    at Client._connect (/app/node_modules/pg/lib/client.js:1:1) ${URL}\n    at main (/app/index.js:3:9)`, secrets: [PW] },
  { title: 'a JSON log line with escapes', text: JSON.stringify({ level: 50, msg: `failed: password="${PW}" host=db` }), secrets: [PW] },
  { title: 'a JSON log inside a JSON log', text: JSON.stringify({ log: JSON.stringify({ msg: `DB_PASSWORD="${PW}"` }) }), secrets: [PW] },
  { title: 'ANSI colours around the URL (the m of the escape)', text: `\u001b[36m${URL}\u001b[0m`, secrets: [PW] },
  { title: 'ANSI colours spelt out in JSON', text: JSON.stringify({ msg: `\u001b[36m${URL}` }), secrets: [PW] },
  { title: 'ANSI colour between the label and the value', text: `password=\u001b[1m${PW}\u001b[0m`, secrets: [PW] },
  { title: 'Markdown code', text: `My config:\n\n\`\`\`\nDATABASE_URL=${URL}\nSTRIPE_SECRET_KEY=${FAKE.stripeLive()}\n\`\`\``, secrets: [PW, FAKE.stripeLive()] },
  { title: 'an .env dump with several values', text: `DATABASE_URL=${URL}\nOPENAI_API_KEY=${FAKE.openai()}\nSMTP_PASSWORD=${PW}x\nDEBUG=true`, secrets: [PW, FAKE.openai()], keeps: ['DEBUG=true'] },
  { title: 'a sentence', text: `hi, my url is ${URL}, why does it fail?`, secrets: [PW], keeps: ['why does it fail?'] },
  { title: 'HTML entities from a forum', text: `password=&quot;${PW}&quot;`, secrets: [PW] },
]);

// Markdown around a label (found while fixing the checklist's own recovery text
// being redacted): the markup is not the value, and the value after it is.
table('Markdown labels', [
  { title: 'bold label, emphasis closing after the colon', text: `**Password:** ${PW}`, secrets: [PW], keeps: ['**Password:** '] },
  { title: 'bold label, emphasis closing before the colon', text: `**Password**: ${PW}`, secrets: [PW], keeps: ['**Password**: '] },
  { title: 'underscore emphasis', text: `__Password:__ ${PW}`, secrets: [PW], keeps: ['__Password:__ '] },
  { title: 'italic label', text: `*db password*: ${PW}`, secrets: [PW] },
  { title: 'a bold label in a list', text: `- **DB password:** ${PW}\n- **Host:** db.example.com`, secrets: [PW], keeps: ['**Host:** db.example.com'] },
  { title: 'a value inside a code span', text: `run \`PGPASSWORD=${PW} psql -h db\``, secrets: [PW], keeps: [' psql -h db`'] },
  { title: 'a real setting in prose still is one', text: `the password: ${PW} works`, secrets: [PW], keeps: [' works'] },
]);

// GitHub Flavored Markdown tables (https://github.github.com/gfm/#tables-extension-):
// a value in the cell after its name, or under a header that names it.
table('Markdown tables', [
  { title: 'a key-value row', text: `| password | ${PW} |`, secrets: [PW], keeps: ['| password | '] },
  { title: 'a settings table with a header', text: `| Setting | Value |\n|---|---|\n| DB_PASSWORD | ${PW} |\n| host | db.example.com |`, secrets: [PW], keeps: ['| host | db.example.com |'] },
  { title: 'a column headed password', text: `| user | password | host |\n| --- | --- | --- |\n| app | ${PW} | db.example.com |`, secrets: [PW], keeps: ['| app | ', ' | db.example.com |', '| user | password | host |'] },
  { title: 'a value in a code span, pipes without spaces', text: `|user|app|\n|PGPASSWORD|\`${PW}\`|`, secrets: [PW], keeps: ['|user|app|'] },
  { title: 'a dictionary word as the value of a two-column row', text: '| POSTGRES_PASSWORD | postgres |', secrets: ['postgres'] },
  { title: 'a row without its closing pipe', text: `| api_key | ${FAKE.hexToken(7)}`, secrets: [FAKE.hexToken(7)] },
]);

interface Quiet {
  title: string;
  text: string;
}

/** Placeholders are hidden (or left) but never called live. */
const PLACEHOLDERS: Quiet[] = [
  { title: 'Supabase [YOUR-PASSWORD]', text: 'postgresql://postgres:[YOUR-PASSWORD]@db.abcdefghijklmnop.supabase.co:5432/postgres' },
  { title: 'Neon <password>', text: 'postgresql://neondb_owner:<password>@ep-x.neon.tech/neondb' },
  { title: 'a mask', text: 'postgresql://app:****@db/app' },
  { title: 'an unexpanded ${VAR}', text: 'DATABASE_URL=postgresql://app:${DB_PASSWORD}@db/app' },
  { title: 'a $VAR', text: 'password: $PGPASSWORD' },
  { title: 'a Helm template', text: 'password: "{{ .Values.db.password }}"' },
  { title: 'changeme', text: 'POSTGRES_PASSWORD=changeme' },
  { title: 'password', text: 'postgresql://app:password@localhost/app' },
  { title: 'mypassword', text: 'postgresql://app:mypassword@localhost/app' },
  { title: 'your-key-here', text: 'OPENAI_API_KEY=your-key-here' },
  { title: 'YOUR_OPENAI_API_KEY', text: 'OPENAI_API_KEY="YOUR_OPENAI_API_KEY"' },
  { title: 'xxx', text: 'STRIPE_SECRET_KEY=xxx' },
  { title: 'a key masked with x', text: 'OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  { title: 'a Stripe test key (docs.stripe.com/keys)', text: `STRIPE_SECRET_KEY=${FAKE.stripeTest()}` },
  { title: "AWS's documented example pair", text: 'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  { title: "the postgres image's documented password", text: 'POSTGRES_PASSWORD: mysecretpassword' },
  { title: 'our own <redacted>', text: 'postgresql://app:<redacted>@db/app' },
  { title: 'a scrubbed password (heldout h3-014)', text: 'postgres://user:PASSWORD_REMOVED@db:5432/app' },
  { title: "a variable's name where its value goes", text: 'http://proxy_user:proxy_password@proxy:3128' },
];

// Near misses of placeholder wording (a property run found "puta" read as
// put+a and called a placeholder): real words run together are live, unless a
// strong marker (password, key, secret ...) is among them.
describe('words run together: placeholder wording or a real password', () => {
  const placeholders = ['putyourpasswordhere', 'putapasswordhere', 'mydbpassword', 'yourkey', 'changeme', 'dbpass', 'mypwd'];
  const live = ['puta', 'myapp', 'putin', 'hereapp', 'apass', 'passa', 'mynone'];
  for (const value of placeholders) {
    test(`${value} is a placeholder`, () => {
      assert.equal(redactSecrets(`postgresql://app:${value}@db/app`).secretExposed, false);
    });
  }
  for (const value of live) {
    test(`${value} is a live password`, () => {
      const result = redactSecrets(`postgresql://app:${value}@db/app`);
      assert.equal(result.secretExposed, true, JSON.stringify(result.findings));
      assert.ok(!result.text.includes(`:${value}@`));
    });
  }
});

describe('placeholders are not live secrets', () => {
  for (const { title, text } of PLACEHOLDERS) {
    test(title, () => {
      const result = redactSecrets(text);
      assert.equal(result.secretExposed, false, JSON.stringify(result.findings));
      assert.ok(result.findings.every((f) => f.placeholder));
    });
  }
});

/** Secret-free texts that look a bit like secrets: nothing is flagged, nothing is changed. */
const LOOK_ALIKES: Quiet[] = [
  { title: 'a docs table: a description is not a value', text: '| Parameter | Description |\n|---|---|\n| password | Password to be used if the server demands password authentication |' },
  { title: 'a docs table: a default in parentheses, a type', text: '| Variable | Default |\n| --- | --- |\n| POSTGRES_PASSWORD | (none) |\n| api_key | `SecretStr` |\n| password | string |' },
  { title: 'a header that names a secret is not a value', text: '| user | password |\n|---|---|' },
  { title: 'pipes in a shell line', text: 'cat .env | grep password | wc -l' },
  { title: 'a table of findings: a word after a name ending in password is a column of its own', text: '| finding | severity | meaning |\n|---|---|---|\n| `placeholder_password` | error | the password is a placeholder |' },
  { title: 'the psql auth error', text: 'psql: error: connection to server at "db" (10.0.0.5), port 5432 failed: FATAL:  password authentication failed for user "app"' },
  { title: 'a URL without a password', text: 'postgresql://neondb_owner@ep-x.neon.tech/neondb?sslmode=require' },
  { title: 'a URL with a port and an @ in its path', text: 'see http://example.com:8080/users/@me for details' },
  { title: 'a UUID', text: 'request 123e4567-e89b-12d3-a456-426614174000 failed' },
  { title: 'a git SHA', text: 'commit 3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a (HEAD -> main)' },
  { title: 'a hash in an error', text: 'ERROR: duplicate key value violates unique constraint "users_pkey" DETAIL: Key (id)=(9f86d081884c7d659a2feaa0c55ad015) already exists.' },
  { title: 'timestamps, IPv6 and MAC addresses', text: '2024-01-01 10:22:33:44:55 fe80:0:0:0:1 12:34:56:78:9a:bc' },
  { title: 'a token in a parser error', text: "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON" },
  { title: 'Bearer as a word', text: 'Authorization: Bearer authentication required' },
  { title: 'names that are not secrets', text: 'password_hash: $2b$12$abc\nmax_tokens: 1000\ntoken_type: bearer\npassword_min_length: 12' },
  { title: 'a password read from the environment', text: 'password: process.env.DB_PASSWORD,\npassword=os.getenv("DB_PASSWORD")' },
  { title: 'type annotations', text: 'class Settings(BaseSettings):\n    password: str\n    api_key: SecretStr' },
  { title: 'the shell working directory', text: 'PWD=/home/app/src' },
  { title: 'a Stripe publishable key', text: 'pk_live_51FAKEabcdefghijklmnop is public' },
  { title: 'a Twilio account SID', text: 'Account SID AC0123456789abcdef0123456789abcdef' },
  { title: 'prose about passwords', text: 'The password: incorrect. Please set the token: expired ones are refused.' },
  { title: 'a Neon endpoint option', text: 'options=endpoint%3Dep-cool-darkness-123456 sslmode=require' },
  { title: 'a base64 image header', text: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' },
  // Near misses from the real-text scan (test/fixtures, first sight: 11 of 1170 flagged, 7 of them wrongly).
  { title: "node's util.inspect of a pg Client (live-errors stale_connection/node-unhandled-pool-error-crash)", text: '  _handleAuthCleartextPassword: [Function: bound _handleAuthCleartextPassword],\n  secretKey: 1888910820,' },
  { title: 'a SQL column list (linuxserver/Heimdall#429)', text: 'insert into "users" ("username", "password", "updated_at") values (new_user, REDACTED, 2020-01-23 11:02:07)' },
  { title: 'JSON log fields with timestamps (eduardolat/pgbackweb#78)', text: '{"time":"2025-01-21T12:30:22.579122663Z","level":"INFO","msg":"cron scheduler initialized"}' },
  // Batch 23 found it: a JSON log inside another's message, its escaped quotes read as .pgpass fields.
  { title: 'a JSON log inside a JSON message (hasura/graphql-engine#6999)', text: JSON.stringify({ err: { message: '{"type":"startup","timestamp":"2021-05-31T08:12:46.974+0000","level":"error","detail":{"kind":"catalog_migrate","info":{"internal":"SCRAM authentication requires libpq version 10 or above\n"}}}' } }) },
  { title: 'a public key', text: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----' },
  // Prose after a setting's name (first sight over the project's own prose, 1850 texts: 3 false alarms, all a code span).
  { title: "the checklist's Neon recovery step (issue 10's note)", text: 'Reset the role password: Neon Console → your project → Branches → the branch → Roles & Databases' },
  { title: 'a bold label before prose', text: '**Reset the role password:** Neon Console → your project' },
  { title: 'a setting named in a code span, no value', text: 'passwords in `?password=`, JDBC, keyword/value, `PGPASSWORD=`, `.pgpass` lines' },
  { title: 'an ODBC setting named in a code span', text: 'keyword), `;Password=`, `*PASSWORD*=` in env lines.' },
];

describe('look-alikes are not flagged', () => {
  for (const { title, text } of LOOK_ALIKES) {
    test(title, () => {
      const result = redactSecrets(text);
      assert.deepEqual(result.findings, []);
      assert.equal(result.text, text);
    });
  }
});

test('findings point into the original text, past colours and escapes', () => {
  const text = JSON.stringify({ msg: `\u001b[36mpassword=\\"${PW}\\"` });
  const [finding] = findSecrets(text);
  assert.ok(finding !== undefined);
  assert.equal(text.slice(finding.start, finding.end), PW);
});

// The product's own words are never a live secret: the checklist's provider
// steps, every runbook step, and every text of the fullest checklist.
test("the checklist's and the runbooks' own prose is not called live", () => {
  const texts: string[] = [];
  for (const provider of PROVIDERS) texts.push(provider.ifCommitted, provider.rotate, provider.checkUse);
  for (const runbook of Object.values(RUNBOOKS)) for (const step of runbook.steps) texts.push(...Object.values(step).filter((v): v is string => typeof v === 'string'));
  const everything = buildChecklist({ description: 'Neon, Stripe, OpenAI, Anthropic, AWS, GitHub, Slack, Google, SendGrid, Twilio, SMTP, Sentry, Redis and JWT sessions', gitignore: '*.env\n!.env\n' });
  assert.ok(everything.secrets.length >= 10, everything.secrets.map((s) => s.name).join(', '));
  texts.push(...everything.secrets.flatMap((s) => [s.whereItLives, s.howLoaded, ...s.recovery]), ...everything.findings.map((f) => f.message));
  const live = texts.filter((text) => redactSecrets(text).secretExposed);
  assert.deepEqual(live, []);
});
