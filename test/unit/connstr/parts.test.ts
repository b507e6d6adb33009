// parts.ts: hosts paired with ports the way libpq pairs them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConninfo } from '../../../src/connstr/parse.ts';
import { buildParts, safeLibpqMap } from '../../../src/connstr/parts.ts';

function partsOf(input: string) {
  const p = parseConninfo(input);
  assert.ok(p.ok);
  return buildParts(input, p.options, p.form, p.spilledSecrets);
}

test('one port applies to every host', () => {
  assert.deepEqual(partsOf('host=a,b port=6543').hosts.map((h) => [h.host, h.port]), [['a', '6543'], ['b', '6543']]);
});

test('ports pair with hosts in order, an empty one meaning the default', () => {
  assert.deepEqual(partsOf('postgresql://a:1,b,[::1]:3/db').hosts.map((h) => [h.host, h.port, h.kind]), [['a', '1', 'name'], ['b', null, 'name'], ['::1', '3', 'ip']]);
});

test('a socket directory and the default socket are told apart', () => {
  assert.equal(partsOf('host=/var/run/postgresql').hosts[0]?.kind, 'socket_dir');
  assert.equal(partsOf('dbname=app').hosts[0]?.kind, 'default');
});

test('the password is present or absent, and where it was written', () => {
  assert.deepEqual(partsOf('postgresql://u:pw-FAKE@h/db').password, { present: true, where: 'userinfo' });
  assert.deepEqual(partsOf('postgresql://h/db?password=pw-FAKE').password, { present: true, where: 'query' });
  assert.deepEqual(partsOf("host=h password='pw FAKE'").password, { present: true, where: 'keyword' });
  assert.deepEqual(partsOf('postgresql://u@h/db').password, { present: false, where: null });
});

test('a piece of a password that libpq put into the host is cut out there and only there', () => {
  const input = 'postgresql://neondb:in@on@neon.example/neondb';
  const p = parseConninfo(input);
  assert.ok(p.ok);
  assert.deepEqual(safeLibpqMap(p.options, p.spilledSecrets), { user: 'neondb', password: '<redacted>', dbname: 'neondb', host: '<redacted>@neon.example' });
});
