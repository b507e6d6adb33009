// unknown: no family matched, said honestly. The first step is the lesson's
// operational loop step 1: get the exact error text, because most unknowns are
// paraphrases or fragments that a complete message classifies.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'unknown',
  steps: [
    {
      id: 'ask_exact_error',
      title: 'Get the exact error text',
      action: 'Ask for the complete message as printed, not a summary: the first line with the error class, any `code` / `SQLSTATE` / `P10xx`, and the lines right after it.',
      verify: 'Copy from the terminal or log, including `code:` fields. Remove the password first: `sed -E \'s#(://[^:/@]*:)[^@]*@#\\1****@#\' error.log`.',
      confirmed: 'The complete text names a known error: triage it again.',
      ruledOut: 'The text was already complete and still matches nothing.',
      fix: 'Paste the complete, redacted text as a new message.',
      source: 'https://www.postgresql.org/docs/current/protocol-error-fields.html',
    },
    {
      id: 'look_up_sqlstate',
      title: 'Look up the SQLSTATE class',
      action: 'The first two characters of the SQLSTATE name the class: 08 connection, 28 authorization, 3D database, 42 syntax or access, 53 resources, 57 operator intervention.',
      verify: 'Find the code in the text (`code: \'28P01\'`, `SQLSTATE 42P01`, `pgcode`) and look it up in the PostgreSQL error code table.',
      confirmed: 'The class points to a connection, auth or access problem: triage again with the code.',
      ruledOut: 'There is no SQLSTATE, or its class is about data rather than connecting.',
      fix: 'Add the code to the text and triage again.',
      source: 'https://www.postgresql.org/docs/current/errcodes-appendix.html',
    },
    {
      id: 'check_not_a_connection_error',
      title: 'Check whether this is a data or concurrency error',
      action: 'Errors such as 23505 (duplicate key), 40P01 (deadlock) or 22xxx (bad data) mean the connection works; the fix is in the data or the code.',
      verify: 'SQLSTATE class 22, 23 or 40 in the text, or wording like `duplicate key value violates unique constraint`, `deadlock detected`.',
      confirmed: 'It is a data or concurrency error.',
      ruledOut: 'It is neither.',
      fix: 'Duplicate primary key after an import: move the sequence, `select setval(pg_get_serial_sequence(\'<table>\', \'id\'), max(id)) from <table>;`. Deadlock: retry the transaction and take locks in one order.',
      source: 'https://www.postgresql.org/docs/current/functions-sequence.html ; https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-DEADLOCKS',
    },
    {
      id: 'reproduce_with_psql',
      title: 'Reproduce with psql from the same machine',
      action: 'A plain psql connect with the same URL shows whether the problem is the database connection or the app\'s configuration, and psql\'s own message usually classifies.',
      verify: '`psql "$DATABASE_URL" -c "select version(), current_user, current_database()"` where the app runs, or `npx pgtriage doctor`.',
      confirmed: 'psql fails: triage its error text.',
      ruledOut: 'psql connects: the problem is in the app\'s own settings or code path.',
      fix: 'Triage psql\'s message; if psql works, compare the app\'s connection settings with the URL psql used.',
      source: 'https://www.postgresql.org/docs/current/app-psql.html',
    },
  ],
  collectNext: [
    'The complete error text with any SQLSTATE or client code, password removed.',
    'Client, ORM and versions, and the platform the app runs on.',
    'When it happens: at connect, first query, under load, after idle time, during migrations.',
    'The connection string with the password removed: `printenv DATABASE_URL | sed -E \'s#(://[^:/@]*:)[^@]*@#\\1****@#\'`.',
    'Whether `psql` with the same URL connects, and its output.',
  ],
};
