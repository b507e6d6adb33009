// Every family's runbook, listed explicitly and sorted by id (STYLE.md practice
// 1: an explicit sorted registry, no barrels). The classifier reads runbooks
// from here only.
import type { FamilyId, Runbook } from '../types.ts';
import { runbook as auth_failed } from './auth_failed.ts';
import { runbook as cannot_connect } from './cannot_connect.ts';
import { runbook as driver_missing } from './driver_missing.ts';
import { runbook as stale_connection } from './stale_connection.ts';
import { runbook as too_many_connections } from './too_many_connections.ts';

// Partial until every contract family has a runbook.
export const RUNBOOKS: Partial<Record<FamilyId, Runbook>> = {
  auth_failed,
  cannot_connect,
  driver_missing,
  stale_connection,
  too_many_connections,
};
