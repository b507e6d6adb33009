// The first check of each family's runbook: the contract, written down once.
// The README's family table and docs/families.md list the same ids (checked
// in test/unit/triage/first-checks.test.ts); the runbooks, the family testers
// and the live reproductions are held to this table.
import type { FamilyId } from '../../src/triage/types.ts';

export const FIRST_CHECKS: Readonly<Record<FamilyId, string>> = {
  auth_failed: 'rotate_password',
  cannot_connect: 'verify_host',
  connect_timeout: 'time_cold_and_warm_connect',
  database_missing: 'check_database_name_source',
  driver_missing: 'install_driver',
  env_missing: 'check_process_sees_url',
  neon_endpoint: 'read_inner_error',
  permission_denied: 'check_connected_role',
  pool_timeout: 'compare_pool_with_server',
  pooler_incompatible: 'check_pooled_host',
  role_missing: 'check_role_name_source',
  schema_missing: 'check_target_database',
  ssl_required: 'add_sslmode_require',
  ssl_unsupported: 'check_target_server',
  ssl_verify_failed: 'identify_server_ca',
  stale_connection: 'confirm_pre_ping',
  too_many_connections: 'reduce_pool_size',
  unknown: 'ask_exact_error',
  url_malformed: 'parse_connection_string',
};
