// Every family module, listed explicitly and sorted by id (no barrel files,
// so the list is what runs). The classifier reads families from here only.
import type { FamilyModule } from './family.ts';
import { family as auth_failed } from './families/auth_failed.ts';
import { family as cannot_connect } from './families/cannot_connect.ts';
import { family as connect_timeout } from './families/connect_timeout.ts';
import { family as database_missing } from './families/database_missing.ts';
import { family as driver_missing } from './families/driver_missing.ts';
import { family as env_missing } from './families/env_missing.ts';
import { family as neon_endpoint } from './families/neon_endpoint.ts';
import { family as permission_denied } from './families/permission_denied.ts';
import { family as pool_timeout } from './families/pool_timeout.ts';
import { family as pooler_incompatible } from './families/pooler_incompatible.ts';
import { family as role_missing } from './families/role_missing.ts';
import { family as schema_missing } from './families/schema_missing.ts';
import { family as ssl_required } from './families/ssl_required.ts';
import { family as ssl_unsupported } from './families/ssl_unsupported.ts';
import { family as ssl_verify_failed } from './families/ssl_verify_failed.ts';
import { family as stale_connection } from './families/stale_connection.ts';
import { family as too_many_connections } from './families/too_many_connections.ts';
import { family as unknown } from './families/unknown.ts';
import { family as url_malformed } from './families/url_malformed.ts';
import type { FamilyId } from './types.ts';

export const FAMILIES: readonly FamilyModule[] = [
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
];

const BY_ID = new Map<FamilyId, FamilyModule>(FAMILIES.map((family) => [family.meta.id, family]));

export function familyById(id: FamilyId): FamilyModule {
  const family = BY_ID.get(id);
  if (family === undefined) throw new Error(`no family module for "${id}" in the registry`);
  return family;
}
