// Every finding rule, one per finding id and file, sorted by id; audit.ts
// runs them in this order.
import { rule as channelBinding } from './channel_binding.ts';
import { rule as databaseMisread } from './database_misread.ts';
import { rule as emptyInput } from './empty_input.ts';
import { rule as envLine } from './env_line.ts';
import { rule as jdbcUrl } from './jdbc_url.ts';
import { rule as libpqRejects } from './libpq_rejects.ts';
import { rule as localhostHost } from './localhost_host.ts';
import { rule as neonEndpointSni } from './neon_endpoint_sni.ts';
import { rule as neonPooler } from './neon_pooler.ts';
import { rule as needsNewerLibpq } from './needs_newer_libpq.ts';
import { rule as nodePostgresDiffers } from './node_postgres_differs.ts';
import { rule as nonLibpqParameter } from './non_libpq_parameter.ts';
import { rule as nulByte } from './nul_byte.ts';
import { rule as passwordEqualsUser } from './password_equals_user.ts';
import { rule as passwordMissing } from './password_missing.ts';
import { rule as percentEncodingNeeded } from './percent_encoding_needed.ts';
import { rule as placeholderPassword } from './placeholder_password.ts';
import { rule as portMisread } from './port_misread.ts';
import { rule as quotes } from './quotes.ts';
import { rule as repeatedParameter } from './repeated_parameter.ts';
import { rule as schemeUnrecognised } from './scheme_unrecognised.ts';
import { rule as secretExposed } from './secret_exposed.ts';
import { rule as shellCommand } from './shell_command.ts';
import { rule as sqlalchemyUrl } from './sqlalchemy_url.ts';
import { rule as sslAlias } from './ssl_alias.ts';
import { rule as sslmodeMissing } from './sslmode_missing.ts';
import { rule as sslmodeWeak } from './sslmode_weak.ts';
import type { FindingRule } from './types.ts';
import { rule as valueRejected } from './value_rejected.ts';
import { rule as whitespace } from './whitespace.ts';

export const RULES: readonly FindingRule[] = [
  channelBinding,
  databaseMisread,
  emptyInput,
  envLine,
  jdbcUrl,
  libpqRejects,
  localhostHost,
  needsNewerLibpq,
  neonEndpointSni,
  neonPooler,
  nodePostgresDiffers,
  nonLibpqParameter,
  nulByte,
  passwordEqualsUser,
  passwordMissing,
  percentEncodingNeeded,
  placeholderPassword,
  portMisread,
  quotes,
  repeatedParameter,
  schemeUnrecognised,
  secretExposed,
  shellCommand,
  sqlalchemyUrl,
  sslAlias,
  sslmodeMissing,
  sslmodeWeak,
  valueRejected,
  whitespace,
];

/** Every finding id: each rule emits its own and no other. */
export const FINDING_IDS: readonly string[] = RULES.map((rule) => rule.meta.id);
