// A write and a read back: a TypeORM repository save (its own transaction)
// and find, then the same row read from a second, separate connection, which
// proves the write was committed and not just visible to its own session.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { CheckOutcome, ProbeCheck } from '../types.ts';
import { PROBE_TABLE } from '../session.ts';

export const roundTrip: ProbeCheck = {
  id: 'round_trip',
  dependsOn: ['schema_create'],
  writes: true,
  async run({ session, signal, timeoutMs }): Promise<CheckOutcome> {
    const dataSource = await session.dataSource({ timeoutMs, signal });
    const repository = dataSource.getRepository(session.entity);
    const token = randomBytes(8).toString('hex');
    const saved = await session.guard(repository.save({ token }), signal);
    const found = await session.guard(repository.findOneBy({ id: saved.id }), signal);
    const second = await session.connectClient({ timeoutMs, signal });
    try {
      const { rows } = await session.guard(
        second.query(`SELECT token, pg_backend_pid() AS pid FROM ${pg.escapeIdentifier(session.schemaName)}.${PROBE_TABLE} WHERE id = $1`, [saved.id]),
        signal,
      );
      const observed = { id: saved.id, savedWith: 'repository.save', foundByRepository: found?.token === token, readFromSecondConnection: rows[0]?.token === token, secondConnectionPid: rows[0]?.pid ?? null };
      if (!observed.foundByRepository || !observed.readFromSecondConnection) {
        return { status: 'fail', observed, message: 'the row written was not read back', family: 'unknown' };
      }
      session.savedRow = { id: saved.id, token };
      return { status: 'pass', observed };
    } finally {
      await session.endClient(second);
    }
  },
};
