// How node-postgres reads a string: pg-connection-string itself, guarded.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readAsNodePostgres } from '../../../src/connstr/node-postgres-reader.ts';
import { compareReaders } from '../../../src/connstr/readers.ts';
import { parseConninfo } from '../../../src/connstr/parse.ts';

describe('readAsNodePostgres', () => {
  const TLS: Array<[string, string, string]> = [
    ['no sslmode means no TLS', 'postgresql://h/db', 'off'],
    ['sslmode=require means full verification', 'postgresql://h/db?sslmode=require', 'verify-full'],
    ['uselibpqcompat makes require unverified', 'postgresql://h/db?uselibpqcompat=true&sslmode=require', 'unverified'],
    ['no-verify is unverified', 'postgresql://h/db?sslmode=no-verify', 'unverified'],
    ['disable is off', 'postgresql://h/db?sslmode=disable', 'off'],
  ];
  for (const [title, input, tls] of TLS) {
    test(title, () => {
      const r = readAsNodePostgres(input);
      assert.ok(r.ok);
      assert.equal(r.config.tls, tls);
    });
  }

  test('takes the password up to the last @, unlike libpq', () => {
    const r = readAsNodePostgres('postgresql://u:p@ss@h/db');
    assert.ok(r.ok);
    assert.equal(r.config.host, 'h');
    assert.equal(r.config.password, 'p@ss');
  });

  test('never reads certificate files, only names them', () => {
    const r = readAsNodePostgres('postgresql://h/db?sslmode=verify-full&sslrootcert=/dev/zero&sslcert=/nonexistent');
    assert.ok(r.ok);
    assert.deepEqual(r.config.filesRead, ['sslrootcert', 'sslcert']);
  });

  test('reports a URL it cannot parse without quoting it', () => {
    const r = readAsNodePostgres('postgresql://u:p#ss-FAKE@h/db');
    assert.deepEqual(r, { ok: false, error: 'Invalid URL' });
  });

  test('keeps the process warning about sslmode aliases off stderr', () => {
    const seen: string[] = [];
    const listener = (w: Error) => seen.push(w.message);
    process.on('warning', listener);
    try {
      readAsNodePostgres('postgresql://h/db?sslmode=prefer');
    } finally {
      process.off('warning', listener);
    }
    assert.deepEqual(seen, []);
  });
});

describe('compareReaders', () => {
  const ids = (input: string) => compareReaders(input, parseConninfo(input), { text: (t) => t, value: (v) => v }).differences.map((d) => d.id);

  test('a keyword/value string is unreadable for node-postgres', () => assert.deepEqual(ids('host=h dbname=db'), ['keyword_value_unsupported']));
  test('an unencoded @ gives different passwords and hosts', () => assert.deepEqual(ids('postgresql://u:p@ss@h/db?sslmode=verify-full'), ['password_differs', 'host_differs']));
  test('multiple hosts are one host name to node-postgres', () => assert.ok(ids('postgresql://h1,h2/db?sslmode=verify-full').includes('multi_host_unsupported')));
  test('sslmode=require means verify-full in node-postgres', () => assert.deepEqual(ids('postgresql://h/db?sslmode=require'), ['sslmode_means_verify_full']));
  test('channel_binding is ignored by node-postgres', () => assert.ok(ids('postgresql://h/db?sslmode=verify-full&channel_binding=require').includes('channel_binding_ignored')));
  test('%2F in the database name stays encoded in node-postgres', () => assert.ok(ids('postgresql://h/my%2Fdb?sslmode=verify-full').includes('database_differs')));
  test('an unencoded # hides the query from node-postgres', () => assert.ok(ids('postgresql://u:p@ss#x@h/db?sslmode=require').includes('query_lost')));
  test('a URL that new URL() refuses is reported as such', () => assert.deepEqual(ids('postgresql://u:p#ss@h/db?sslmode=require'), ['node_postgres_rejects']));
  test('sslrootcert=system is a file name to node-postgres', () => assert.ok(ids('postgresql://h/db?sslmode=verify-full&sslrootcert=system').includes('sslrootcert_system')));
});
