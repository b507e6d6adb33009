// Every finding rule, sorted by id; audit.ts runs them in this order.
import { rule as channelBinding } from './channel_binding.ts';
import { rule as databaseMisread } from './database_misread.ts';
import { rule as inputShape } from './input_shape.ts';
import { rule as libpqRejects } from './libpq_rejects.ts';
import { rule as localhostHost } from './localhost_host.ts';
import { rule as neonEndpointSni } from './neon_endpoint_sni.ts';
import { rule as neonPooler } from './neon_pooler.ts';
import { rule as needsNewerLibpq } from './needs_newer_libpq.ts';
import { rule as nodePostgresDiffers } from './node_postgres_differs.ts';
import { rule as nonLibpqParameter } from './non_libpq_parameter.ts';
import { rule as passwordEqualsUser } from './password_equals_user.ts';
import { rule as passwordMissing } from './password_missing.ts';
import { rule as percentEncodingNeeded } from './percent_encoding_needed.ts';
import { rule as placeholderPassword } from './placeholder_password.ts';
import { rule as portMisread } from './port_misread.ts';
import { rule as quotes } from './quotes.ts';
import { rule as repeatedParameter } from './repeated_parameter.ts';
import { rule as secretExposed } from './secret_exposed.ts';
import { rule as sslAlias } from './ssl_alias.ts';
import { rule as sslmodeMissing } from './sslmode_missing.ts';
import { rule as sslmodeWeak } from './sslmode_weak.ts';
import type { FindingRule } from './types.ts';
import { rule as valueRejected } from './value_rejected.ts';
import { rule as whitespace } from './whitespace.ts';
import { rule as wrapperForm } from './wrapper_form.ts';

export const RULES: readonly FindingRule[] = [
  channelBinding,
  databaseMisread,
  inputShape,
  libpqRejects,
  localhostHost,
  needsNewerLibpq,
  neonEndpointSni,
  neonPooler,
  nodePostgresDiffers,
  nonLibpqParameter,
  passwordEqualsUser,
  passwordMissing,
  percentEncodingNeeded,
  placeholderPassword,
  portMisread,
  quotes,
  repeatedParameter,
  secretExposed,
  sslAlias,
  sslmodeMissing,
  sslmodeWeak,
  valueRejected,
  whitespace,
  wrapperForm,
];

/** Every finding id a rule can emit (a rule may emit several related ids). */
export const FINDING_IDS: readonly string[] = [
  'channel_binding',
  'database_misread',
  'empty_input',
  'env_line',
  'jdbc_url',
  'libpq_rejects',
  'localhost_host',
  'needs_newer_libpq',
  'neon_endpoint_sni',
  'neon_pooler',
  'node_postgres_differs',
  'non_libpq_parameter',
  'nul_byte',
  'password_equals_user',
  'password_missing',
  'percent_encoding_needed',
  'placeholder_password',
  'port_misread',
  'quotes',
  'repeated_parameter',
  'scheme_unrecognised',
  'secret_exposed',
  'shell_command',
  'sqlalchemy_url',
  'ssl_alias',
  'sslmode_missing',
  'sslmode_weak',
  'value_rejected',
  'whitespace',
];
