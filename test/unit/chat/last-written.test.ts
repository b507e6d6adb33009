import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastWritten } from '../../../src/chat/last-written.ts';

const progress = { family: 'auth_failed' as const, client: null, answers: [], pendingFamily: null, pendingClient: null };

test('what was last written is kept per conversation, for its owner only, with the progress its change left', () => {
  const written = lastWritten();
  written.wrote('c1', { ownerHash: 'o1', lastSeq: 3, before: null, change: { kind: 'set', progress } });
  assert.equal(written.get('c1', 'o2'), undefined);
  assert.equal(written.get('c1', 'o1')?.lastSeq, 3);
  assert.deepEqual({ ...written.get('c1', 'o1')?.progress, updatedAt: null }, { conversationId: 'c1', ...progress, updatedAt: null });
  const before = written.get('c1', 'o1')!.progress;
  written.wrote('c1', { ownerHash: 'o1', lastSeq: 5, before, change: { kind: 'keep' } });
  assert.equal(written.get('c1', 'o1')?.progress, before);
  written.wrote('c1', { ownerHash: 'o1', lastSeq: 6, before, change: { kind: 'clear' } });
  assert.equal(written.get('c1', 'o1')?.progress, null);
  written.forget('c1');
  assert.equal(written.get('c1', 'o1'), undefined);
});

test('past its limit the conversation written longest ago is dropped', () => {
  const written = lastWritten(2);
  const write = (id: string, lastSeq: number) => written.wrote(id, { ownerHash: 'o', lastSeq, before: null, change: { kind: 'keep' } });
  write('a', 1);
  write('b', 1);
  write('a', 2); // a is now the latest
  write('c', 1);
  assert.equal(written.get('b', 'o'), undefined);
  assert.equal(written.get('a', 'o')?.lastSeq, 2);
  assert.equal(written.get('c', 'o')?.lastSeq, 1);
});
