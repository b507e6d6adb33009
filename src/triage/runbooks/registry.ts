// Every family's runbook, listed explicitly and sorted by id (STYLE.md practice
// 1: an explicit sorted registry, no barrels). Typed as a full record, so a
// contract family without a runbook fails the type check.
import type { FamilyId, Runbook } from '../types.ts';
import { runbook as auth_failed } from './auth_failed.ts';
import { runbook as cannot_connect } from './cannot_connect.ts';
import { runbook as connect_timeout } from './connect_timeout.ts';
import { runbook as database_missing } from './database_missing.ts';
import { runbook as driver_missing } from './driver_missing.ts';
import { runbook as env_missing } from './env_missing.ts';
import { runbook as neon_endpoint } from './neon_endpoint.ts';
import { runbook as permission_denied } from './permission_denied.ts';
import { runbook as pool_timeout } from './pool_timeout.ts';
import { runbook as pooler_incompatible } from './pooler_incompatible.ts';
import { runbook as role_missing } from './role_missing.ts';
import { runbook as schema_missing } from './schema_missing.ts';
import { runbook as ssl_required } from './ssl_required.ts';
import { runbook as ssl_unsupported } from './ssl_unsupported.ts';
import { runbook as ssl_verify_failed } from './ssl_verify_failed.ts';
import { runbook as stale_connection } from './stale_connection.ts';
import { runbook as too_many_connections } from './too_many_connections.ts';
import { runbook as unknown } from './unknown.ts';
import { runbook as url_malformed } from './url_malformed.ts';

export const RUNBOOKS: Record<FamilyId, Runbook> = {
  auth_failed,
  cannot_connect,
  connect_timeout,
  database_missing,
  driver_missing,
  env_missing,
  neon_endpoint,
  permission_denied,
  pool_timeout,
  pooler_incompatible,
  role_missing,
  schema_missing,
  ssl_required,
  ssl_unsupported,
  ssl_verify_failed,
  stale_connection,
  too_many_connections,
  unknown,
  url_malformed,
};
