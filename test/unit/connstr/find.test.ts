// findConnectionStrings: what the chat audits inside a pasted message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findConnectionStrings } from '../../../src/connstr/find.ts';

const FOUND: Array<[string, string, string[]]> = [
  ['a URI at the end of a sentence, without the full stop', 'my url is postgresql://u:p@h/db?sslmode=require. why?', ['postgresql://u:p@h/db?sslmode=require']],
  ['a URI in brackets', '(see postgres://h/db)', ['postgres://h/db']],
  ['a whole .env line, quotes included', 'DATABASE_URL="postgresql://u:p@h/db"\nOTHER=1', ['DATABASE_URL="postgresql://u:p@h/db"']],
  ['an export line', 'export DATABASE_URL=postgresql://u@h/db', ['export DATABASE_URL=postgresql://u@h/db']],
  ['a keyword/value string inside a command', 'try psql "host=h port=5432 dbname=db user=u"', ['host=h port=5432 dbname=db user=u']],
  ['JDBC and SQLAlchemy URLs', 'jdbc:postgresql://h:5432/db?user=u, and postgresql+psycopg2://u@h/db', ['jdbc:postgresql://h:5432/db?user=u', 'postgresql+psycopg2://u@h/db']],
  ['two URIs in order', 'old postgresql://a/x new postgresql://b/y', ['postgresql://a/x', 'postgresql://b/y']],
  ['a quoted keyword/value value', "host=h password='a b' dbname=db", ["host=h password='a b' dbname=db"]],
];

const NOT_FOUND: Array<[string, string]> = [
  ['a libpq connection-refused error naming a host', 'connection to server at "localhost" (::1), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?'],
  ['an authentication error', 'FATAL: password authentication failed for user "postgres"'],
  ['a single keyword without a place to connect', 'sslmode=require is set'],
  ['one keyword pair only', 'could not connect to server: host=localhost'],
  ['a node-postgres error', 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)'],
  ['a Neon endpoint error', 'ERROR: Endpoint ID is not specified. Either please upgrade the postgres client library (libpq) for SNI support or pass the endpoint ID (first part of the domain name) as a parameter: \'?options=endpoint%3D<endpoint-id>\''],
  ['an empty message', ''],
];

describe('findConnectionStrings', () => {
  for (const [title, text, want] of FOUND) test(`finds ${title}`, () => assert.deepEqual(findConnectionStrings(text), want));
  for (const [title, text] of NOT_FOUND) test(`finds nothing in ${title}`, () => assert.deepEqual(findConnectionStrings(text), []));
});
