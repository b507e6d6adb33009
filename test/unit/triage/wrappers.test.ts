// The same real texts, pasted the way people paste them: inside a JSON log
// line, coloured, behind a docker-compose or Kubernetes column, quoted in
// Markdown, with CRLF line ends, hard-wrapped by a console window, or inside
// the user's own question. The answer must not change with the wrapper; a
// family that only works on the bare text would not survive the regression batches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { triage } from '../../../src/triage/classify.ts';
import type { FamilyId } from '../../../src/triage/types.ts';
import { regressionFixtures, readFixture } from '../../support/family-tester.ts';

interface Row {
  id: string;
  family: FamilyId;
  accept?: FamilyId[];
  text: string;
}

const WRAPPERS: Record<string, (text: string) => string> = {
  'a JSON log line': (text) => JSON.stringify({ level: 'error', time: 1700000000, msg: 'db error', err: { message: text } }),
  'a JSON log line inside a JSON log line': (text) => JSON.stringify({ log: JSON.stringify({ msg: text }) }),
  'ANSI colours on every line': (text) => text.split('\n').map((line) => `\x1b[31m${line}\x1b[0m`).join('\n'),
  'a docker-compose service column': (text) => text.split('\n').map((line) => `api-1  | ${line}`).join('\n'),
  'a Kubernetes (CRI) log prefix': (text) => text.split('\n').map((line) => `2024-05-01T10:00:00.000000000Z stderr F ${line}`).join('\n'),
  'a Markdown quote': (text) => text.split('\n').map((line) => `> ${line}`).join('\n'),
  'CRLF line ends': (text) => text.replace(/\n/g, '\r\n'),
  'a console hard-wrapping at 100 columns': (text) => hardWrap(text, 100),
  'a console hard-wrapping at 120 columns': (text) => hardWrap(text, 120),
  "the user's own question": (text) => `Hi all, I deployed my app yesterday and now I get this, any idea what is wrong?\n\n\`\`\`\n${text}\n\`\`\`\n\nThanks in advance!`,
};

/** Cuts every line at the width, mid-word, as a console window does. */
function hardWrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => line.match(new RegExp(`.{1,${width}}`, 'g'))?.join('\n') ?? line)
    .join('\n');
}

const rows = regressionFixtures().flatMap((name) => readFixture<Row>(name));

for (const [wrapper, wrap] of Object.entries(WRAPPERS)) {
  test(`regression texts keep their family inside ${wrapper}`, () => {
    const changed: string[] = [];
    for (const row of rows) {
      const wanted = [row.family, ...(row.accept ?? [])];
      const got = triage(wrap(row.text)).family;
      if (!wanted.includes(got)) changed.push(`${row.id}: ${row.family} → ${got}`);
    }
    assert.deepEqual(changed, []);
  });
}
