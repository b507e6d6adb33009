// The live reproductions (reproductions.ts), one test each: the error is the
// one meant, then the classifier names its family and first check. Rows run
// in table order; the last restarts the scram cluster.
import { after, before, test } from 'node:test';
import { FIRST_CHECKS } from '../../support/first-checks.ts';
import { assertClassified, assertReproduced } from '../../support/live-error-expect.ts';
import { REPRODUCTIONS, startLab, type Lab } from './reproductions.ts';

let lab: Lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.stop();
});

test('every reproduction has its own id', () => {
  const ids = REPRODUCTIONS.map((row) => row.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) throw new Error(`ids used twice: ${repeated.join(', ')}`);
});

for (const row of REPRODUCTIONS) {
  test(`${row.id}: ${row.producedBy}`, async (t) => {
    const error = await row.produce(lab);
    assertReproduced(error, row, lab, lab.secrets);
    await t.test(`the classifier names it ${row.family}, first check ${FIRST_CHECKS[row.family]}`, () => {
      assertClassified(error, row);
    });
  });
}
