// The tables the app needs exist in the database and schema the URL opens.
// Each expected table is read with `SELECT 1 FROM t LIMIT 0` so that a
// missing one fails with the server's own error (42P01, or 42501 when the
// role may not read it), which triage classifies. Without
// PROBE_EXPECTED_TABLES the check lists what exists.
import type { CheckOutcome, ProbeCheck } from '../types.ts';
import { errorTextOf } from '../error-text.ts';

const LIST_LIMIT = 50;

export const schema: ProbeCheck = {
  id: 'schema',
  dependsOn: ['select_1'],
  async run({ session, signal, timeoutMs, target }): Promise<CheckOutcome> {
    const dataSource = await session.dataSource({ timeoutMs, signal });
    const [where] = await session.guard(
      dataSource.query(`SELECT current_database() AS database, current_schema() AS schema, current_setting('search_path') AS search_path, current_user AS role,
        has_schema_privilege(current_schema(), 'USAGE') AS usage, has_schema_privilege(current_schema(), 'CREATE') AS "create"`),
      signal,
    );
    const observed: Record<string, unknown> = {
      database: where.database,
      role: where.role,
      currentSchema: where.schema,
      searchPath: where.search_path,
      // Null when no schema of the search_path exists (current_schema() is null then).
      schemaPrivileges: where.schema === null ? null : { usage: where.usage, create: where.create },
    };
    const expected = session.options.expectedTables;
    if (expected.length === 0) {
      const tables: { name: string }[] = await session.guard(
        dataSource.query(
          `SELECT schemaname || '.' || tablename AS name FROM pg_tables
           WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg_toast%' AND schemaname NOT LIKE 'pgtriage_probe_%'
           ORDER BY 1 LIMIT ${LIST_LIMIT + 1}`,
        ),
        signal,
      );
      return {
        status: 'pass',
        observed: { ...observed, expected: [], tables: tables.slice(0, LIST_LIMIT).map((t) => t.name), ...(tables.length > LIST_LIMIT ? { truncated: true } : {}) },
        message: 'PROBE_EXPECTED_TABLES is unset: listing the tables that exist',
      };
    }
    const found: string[] = [];
    const missing: { table: string; error: string; elsewhere: string[] }[] = [];
    for (const table of expected) {
      try {
        // Names are validated identifiers (src/config.ts), read with PostgreSQL's own case folding, as the app's SQL does.
        await session.guard(dataSource.query(`SELECT 1 FROM ${table} LIMIT 0`), signal);
        found.push(table);
      } catch (error) {
        if (signal.aborted) throw error;
        const bare = table.split('.').pop() as string;
        const elsewhere: { name: string }[] = await session.guard(
          dataSource.query(`SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE lower(tablename) = lower($1) ORDER BY 1 LIMIT 10`, [bare]),
          signal,
        );
        missing.push({ table, error: errorTextOf(error, target), elsewhere: elsewhere.map((e) => e.name) });
      }
    }
    Object.assign(observed, { expected, found, missing });
    if (missing.length > 0) {
      const first = missing[0]!;
      const hint = first.elsewhere.length > 0 ? `; a table of that name exists as ${first.elsewhere.join(', ')} (search_path is ${where.search_path})` : '';
      return { status: 'fail', observed, message: `${missing.length} of ${expected.length} expected table(s) cannot be read in database "${where.database}"${hint}`, errorText: first.error };
    }
    return { status: 'pass', observed };
  },
};
