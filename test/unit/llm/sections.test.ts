import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SectionReader } from '../../../src/llm/sections.ts';

test('sections close when the next heading arrives, whatever the chunking', () => {
  const answer = 'Sure!\n### overview\nFirst line.\nSecond line.\n\n### `rotate_password`\nCheck it.\n## part.host:\nThe host.';
  for (const size of [1, 3, 7, answer.length]) {
    const reader = new SectionReader();
    const closed = [];
    for (let i = 0; i < answer.length; i += size) closed.push(...reader.push(answer.slice(i, i + size)));
    assert.deepEqual(closed.map((s) => s.key), ['overview', 'rotate_password'], `chunk size ${size}`);
    closed.push(...reader.end());
    assert.deepEqual(closed, [
      { key: 'overview', text: 'First line.\nSecond line.' },
      { key: 'rotate_password', text: 'Check it.' },
      { key: 'part.host', text: 'The host.' },
    ]);
    assert.equal(reader.preambleChars, 'Sure!'.length);
  }
});

test('a heading with words after the key is text, not a section', () => {
  const reader = new SectionReader();
  const closed = [...reader.push('### overview\n### overview of the checks\n'), ...reader.end()];
  assert.deepEqual(closed, [{ key: 'overview', text: '### overview of the checks' }]);
});
