// The lesson's `Base.metadata.create_all(engine)`: TypeORM creates the
// probe-owned entity's table, in a schema of the probe's own
// (pgtriage_probe_<run id>), in one transaction. CREATE SCHEMA without
// IF NOT EXISTS: the probe never adopts, and so never drops, an object it
// did not create.
import { Table } from 'typeorm';
import type { CheckOutcome, ProbeCheck } from '../types.ts';
import { PROBE_TABLE } from '../session.ts';

export const schemaCreate: ProbeCheck = {
  id: 'schema_create',
  dependsOn: ['select_1'],
  writes: true,
  async run({ session, signal, timeoutMs }): Promise<CheckOutcome> {
    const dataSource = await session.dataSource({ timeoutMs, signal });
    const runner = dataSource.createQueryRunner();
    try {
      await session.guard(runner.connect(), signal);
      await session.guard(runner.startTransaction(), signal);
      try {
        await session.guard(runner.createSchema(session.schemaName, false), signal);
        await session.guard(runner.createTable(Table.create(dataSource.getMetadata(session.entity), dataSource.driver), false), signal);
        // From here the schema may exist: teardown drops it whatever the commit answers.
        session.schemaCreated = true;
        await session.guard(runner.commitTransaction(), signal);
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => {});
        throw error;
      }
    } finally {
      await runner.release().catch(() => {});
    }
    return { status: 'pass', observed: { schema: session.schemaName, table: `${session.schemaName}.${PROBE_TABLE}`, via: 'TypeORM QueryRunner.createTable from the entity metadata, in one transaction' } };
  },
};
