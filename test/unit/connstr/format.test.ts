import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditConnectionString } from '../../../src/connstr/audit.ts';
import { formatConnstrReport } from '../../../src/connstr/format.ts';

test('the text audit shows the map, the parts, the findings and no password', () => {
  const text = formatConnstrReport(auditConnectionString('postgresql://neondb_owner:s3cr3t-FAKE@ep-x-1-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require'));
  assert.match(text, /password\s+"<redacted>"/);
  assert.match(text, /host: ep-x-1-pooler\.us-east-2\.aws\.neon\.tech:5432/);
  assert.match(text, /ERROR secret_exposed/);
  assert.match(text, /INFO neon_pooler/);
  assert.match(text, /rotate it/);
  assert.ok(!text.includes('s3cr3t-FAKE'));
});

test('the text audit of a rejected string gives libpq\'s reason', () => {
  const text = formatConnstrReport(auditConnectionString('host=h port'));
  assert.match(text, /libpq rejects it: missing "=" after "port" in connection info string/);
});

test('the text audit of a .env line shows the meant string', () => {
  const text = formatConnstrReport(auditConnectionString('DATABASE_URL=postgresql://u@h/db?sslmode=require'));
  assert.match(text, /Meant: postgresql:\/\/u@h\/db\?sslmode=require/);
  assert.match(text, /dbname\s+"db"/);
});
