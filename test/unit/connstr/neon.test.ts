import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointInOptions, readNeonHost } from '../../../src/connstr/neon.ts';

test('reads the endpoint id and the direct host from a pooled Neon host', () => {
  assert.deepEqual(readNeonHost('ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech'), {
    host: 'ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech',
    endpointId: 'ep-cool-darkness-a1b2c3d4',
    pooled: true,
    directHost: 'ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech',
    pooledHost: 'ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech',
  });
});

test('a direct Neon host is not pooled', () => assert.equal(readNeonHost('ep-x-1.eu-central-1.aws.neon.tech')?.pooled, false));
test('other hosts are not Neon', () => assert.equal(readNeonHost('db.abcdefghijklmnopqrst.supabase.co'), undefined));
test('finds endpoint= (and legacy project=) in options', () => {
  assert.equal(endpointInOptions('endpoint=ep-x-1'), 'ep-x-1');
  assert.equal(endpointInOptions('-c search_path=app project=ep-y-2'), 'ep-y-2');
  assert.equal(endpointInOptions('-c search_path=app'), undefined);
});
