// The commands the runbooks show are run here for real: a developer copies
// them in the worst moment of their day, so every SQL statement must run on
// PostgreSQL and every shell one-liner that reads DATABASE_URL must work and
// never print the password.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { RUNBOOKS } from '../../../../src/triage/runbooks/registry.ts';
import { startCluster, type TestCluster } from '../../../support/cluster.ts';

function shownTexts(): string[] {
  const texts: string[] = [];
  for (const runbook of Object.values(RUNBOOKS)) {
    texts.push(...runbook.collectNext);
    for (const step of runbook.steps) {
      texts.push(step.verify, step.fix);
      for (const variant of Object.values(step.clientVariants ?? {})) texts.push(variant.verify ?? '', variant.fix ?? '');
    }
  }
  return texts;
}

function codeSpans(): string[] {
  return [...new Set(shownTexts().flatMap((text) => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string)))];
}

const SQL_STATEMENT = /^(?:select|show|alter|grant|create role|reassign)\b/i;

/** SQL in code spans, and in `psql ... -c "..."` commands (PgBouncer's admin console speaks its own commands). */
function sqlStatements(): string[] {
  const statements = new Set<string>();
  for (const span of codeSpans()) {
    if (span.startsWith('psql') && !span.includes('pgbouncer')) {
      for (const match of span.matchAll(/-c "([^"]+)"/g)) statements.add(match[1] as string);
    } else if (SQL_STATEMENT.test(span)) {
      for (const part of span.split(/;\s*/)) if (part.trim() !== '') statements.add(part.trim());
    }
  }
  return [...statements];
}

// The placeholders the runbooks use, bound to fixtures created below.
const PLACEHOLDERS: Record<string, string> = {
  user: 'app', role: 'app', owner: 'app_owner', migration_role: 'app', old: 'app_owner', new: 'app',
  db: 'postgres', schema: 'public', table: 'fixture_table', t: 'fixture_table', pid: '-1',
};

function bind(statement: string): string {
  return statement.replace(/<([a-z_]+)>/g, (whole, name: string) => {
    const value = PLACEHOLDERS[name];
    assert.ok(value !== undefined, `no fixture for the placeholder ${whole} in: ${statement}`);
    return value;
  });
}

describe('SQL shown by the runbooks', () => {
  let cluster: TestCluster;
  let client: pg.Client;
  before(async () => {
    cluster = await startCluster();
    client = new pg.Client({ connectionString: cluster.url() });
    await client.connect();
    await client.query('create role app login; create role app_owner; create table fixture_table (id serial primary key)');
  });
  after(async () => {
    await client?.end();
    await cluster?.stop();
  });

  test('the runbooks show SQL statements to check', () => {
    assert.ok(sqlStatements().length >= 30, `only ${sqlStatements().length} statements found`);
  });

  for (const statement of sqlStatements()) {
    test(`runs on PostgreSQL: ${statement}`, async () => {
      // Each statement runs in a transaction that is rolled back, so fixes such
      // as GRANT or ALTER ROLE do not change what the next statement sees.
      await client.query('begin');
      try {
        // A CREATE ROLE example names a role the fixtures already made.
        const created = /^create role (\w+)/i.exec(statement)?.[1];
        if (created !== undefined) await client.query(`drop role ${created}`);
        await client.query(bind(statement));
      } finally {
        await client.query('rollback');
      }
    });
  }
});

describe('shell one-liners shown by the runbooks', () => {
  const PASSWORD = 'Zq7vR2mW9xK4';
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: `postgresql://neondb_owner:${PASSWORD}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require`,
    PGPASSWORD: PASSWORD,
    PGSSLMODE: 'require',
  };
  // Runnable here: node and shell commands that need nothing but the variables
  // above (not pgtriage itself, which this branch does not build, nor Python
  // packages such as SQLAlchemy).
  const RUNNABLE = /^(?:node -e |printenv DATABASE_URL|env \| grep|python -c "import (?:os|ssl|sys)\b)/;
  const commands = codeSpans().filter((span) => RUNNABLE.test(span) && !span.includes('npx '));

  test('the runbooks show shell commands to check', () => {
    assert.ok(commands.length >= 20, `only ${commands.length} commands found`);
  });

  for (const command of commands) {
    test(`works and keeps the password hidden: ${command}`, () => {
      const result = spawnSync('sh', ['-c', command.replace(/^python /, `${python()} `)], { env, encoding: 'utf8' });
      // A driver check for a package this project does not install answers
      // "not installed", which is that check's confirmed outcome.
      if (result.status !== 0 && /require\.resolve\('[^']+'\)/.test(command)) {
        assert.match(result.stderr, /Cannot find module/);
        return;
      }
      assert.equal(result.status, 0, result.stderr);
      assert.ok(!result.stdout.includes(PASSWORD), `printed the password: ${result.stdout}`);
      assert.notEqual(result.stdout.trim(), '');
    });
  }
});

function python(): string {
  return execFileSync('sh', ['-c', 'command -v python3 || command -v python'], { encoding: 'utf8' }).trim();
}
