// Runbooks meet the probe: for each runbook check that can be decided live,
// the probe check that observes it and how the observation maps to a
// verdict. Every other check is listed in MANUAL_CHECKS with the reason no
// probe decides it (a test keeps both lists in step with src/triage/runbooks).
// The verdicts follow each step's own `confirmed` / `ruledOut` text.
import type { CheckResult } from './types.ts';

export type Verdict = 'confirmed' | 'ruled_out' | 'inconclusive';

export interface Decision {
  verdict: Verdict;
  /** What was observed, for the user (redacted by the caller before it is kept or shown). */
  evidence: string;
}

export interface LiveCheck {
  /** The probe check that observes this runbook check (it runs with the layers below it). */
  probeCheck: string;
  decide(results: Results): Decision;
}

/** The results of one verify run, by check id. */
export type Results = Readonly<Record<string, CheckResult | undefined>>;

const SQLSTATE = /\(SQLSTATE ([0-9A-Z]{5})\)/;

function errorOf(result: CheckResult | undefined): string {
  return String(result?.observed.error ?? result?.message ?? '');
}

function sqlstateOf(result: CheckResult | undefined): string | undefined {
  return SQLSTATE.exec(errorOf(result))?.[1];
}

/** The first layer that failed or was skipped for lack of a layer below: nothing above it could be observed. */
function blockedBelow(results: Results, id: string): Decision | null {
  const result = results[id];
  if (result === undefined || result.status === 'skip') {
    const failed = Object.values(results).find((r) => r?.status === 'fail');
    return { verdict: 'inconclusive', evidence: failed ? `${failed.id} failed before ${id} could run: ${errorOf(failed)}` : `${id} did not run: ${result?.message ?? 'no result'}` };
  }
  return null;
}

const says = (result: CheckResult | undefined) => (result ? `${result.id} ${result.status}${result.message ? `: ${result.message}` : ''}${result.observed.error && result.observed.error !== result.message ? ` (${String(result.observed.error)})` : ''}` : '');

function byLogin(decide: (login: CheckResult, results: Results) => Decision): LiveCheck {
  return {
    probeCheck: 'startup_auth',
    decide(results) {
      return blockedBelow(results, 'startup_auth') ?? decide(results.startup_auth!, results);
    },
  };
}

function byCheck(probeCheck: string, decide: (result: CheckResult, results: Results) => Decision): LiveCheck {
  return {
    probeCheck,
    decide(results) {
      return blockedBelow(results, probeCheck) ?? decide(results[probeCheck]!, results);
    },
  };
}

function findingIds(results: Results): string[] {
  return ((results.configuration?.observed.findings as { id: string }[] | undefined) ?? []).map((f) => f.id);
}

function byFindings(ids: readonly string[], what: string): LiveCheck {
  return {
    probeCheck: 'configuration',
    decide(results) {
      const config = results.configuration;
      if (config === undefined) return { verdict: 'inconclusive', evidence: 'the configuration check did not run' };
      if (config.status === 'fail') return { verdict: 'confirmed', evidence: says(config) };
      const hits = findingIds(results).filter((id) => ids.includes(id));
      return hits.length > 0
        ? { verdict: 'confirmed', evidence: `DATABASE_URL, read as libpq reads it, has ${what}: ${hits.join(', ')} (pgtriage parse shows each)` }
        : { verdict: 'ruled_out', evidence: `DATABASE_URL, read as libpq reads it, has no ${what}` };
    },
  };
}

const loginRuledOut = (login: CheckResult, why: string): Decision => ({ verdict: 'ruled_out', evidence: `the probe logged in with DATABASE_URL (${String(login.observed.method)}): ${why}` });

export const LIVE_CHECKS: Readonly<Record<string, LiveCheck>> = Object.freeze({
  'auth_failed/rotate_password': byLogin((login) => {
    if (sqlstateOf(login) === '28P01') return { verdict: 'confirmed', evidence: `the probe's own login with DATABASE_URL failed: ${errorOf(login)}` };
    if (login.status !== 'fail') return loginRuledOut(login, 'the password is right, so the app is not using that URL');
    return { verdict: 'inconclusive', evidence: says(login) };
  }),
  'auth_failed/check_user_name': byLogin((login) => {
    if (/role ".*" does not exist/.test(errorOf(login))) return { verdict: 'confirmed', evidence: errorOf(login) };
    if (login.status !== 'fail') return loginRuledOut(login, `role "${String(login.observed.user)}" exists and can log in`);
    // With SCRAM the server answers 28P01 for a missing role too (auth.c), so a failed login says nothing here.
    return { verdict: 'inconclusive', evidence: `${says(login)}; the server words a missing role and a wrong password alike` };
  }),
  'auth_failed/check_password_encoding': byFindings(['percent_encoding_needed', 'port_misread', 'database_misread'], 'a password that needs percent-encoding'),
  'cannot_connect/verify_host': {
    probeCheck: 'tcp',
    decide(results) {
      const { dns, tcp, configuration } = results;
      if (dns?.status === 'fail') return { verdict: 'confirmed', evidence: says(dns) };
      if (tcp?.status === 'fail') return { verdict: 'confirmed', evidence: says(tcp) };
      const neon = dns?.observed.neon !== undefined;
      if (neon && configuration?.observed.sslmodeSetExplicitly !== true) return { verdict: 'confirmed', evidence: 'a Neon host and no sslmode in DATABASE_URL' };
      if (tcp?.status === 'pass' || tcp?.status === 'warn') return { verdict: 'ruled_out', evidence: `the host resolves and ${String(tcp.observed.address)}:${String(tcp.observed.port)} accepts TCP` };
      return { verdict: 'inconclusive', evidence: says(tcp ?? dns) };
    },
  },
  'cannot_connect/check_server_running': {
    probeCheck: 'startup_auth',
    decide(results) {
      const { tcp, startup_auth: login } = results;
      if (tcp?.status === 'fail' && /ECONNREFUSED/.test(errorOf(tcp))) return { verdict: 'confirmed', evidence: `nothing listens there: ${errorOf(tcp)}` };
      if (login !== undefined && login.status !== 'skip' && login.status !== 'fail') return { verdict: 'ruled_out', evidence: 'the server accepts connections at exactly this host and port' };
      if (login?.status === 'fail' && sqlstateOf(login) !== undefined) return { verdict: 'ruled_out', evidence: `the server is running and answered: ${errorOf(login)}` };
      return { verdict: 'inconclusive', evidence: says(login?.status === 'skip' ? tcp : login) };
    },
  },
  'cannot_connect/check_ipv6_only_host': byCheck('tcp', (tcp, results) => {
    const dns = results.dns!;
    if (dns.status === 'skip' || dns.observed.resolved === false) return { verdict: 'ruled_out', evidence: 'the host is an address, not a name' };
    if (Number(dns.observed.ipv4) > 0) return { verdict: 'ruled_out', evidence: `the host has ${String(dns.observed.ipv4)} IPv4 address(es)` };
    if (tcp.status === 'fail') return { verdict: 'confirmed', evidence: `only IPv6 addresses, and none connects from here: ${errorOf(tcp)}` };
    return { verdict: 'ruled_out', evidence: 'only IPv6 addresses, and IPv6 connects from here' };
  }),
  'connect_timeout/time_cold_and_warm_connect': {
    probeCheck: 'cold_start',
    decide(results) {
      const { tcp, cold_start: cold } = results;
      if (tcp?.status === 'fail') return { verdict: 'ruled_out', evidence: `the bare TCP connect already fails: ${errorOf(tcp)}` };
      if (cold === undefined || cold.status === 'skip' || cold.status === 'fail') return blockedBelow(results, 'cold_start') ?? { verdict: 'inconclusive', evidence: says(cold) };
      const observed = `first connect ${String(cold.observed.firstConnectMs)} ms, second ${String(cold.observed.secondConnectMs)} ms`;
      return cold.status === 'warn' ? { verdict: 'confirmed', evidence: `${observed}: a cold start` } : { verdict: 'ruled_out', evidence: `${observed}: no cold start now` };
    },
  },
  'connect_timeout/check_port_blocked': byCheck('tcp', (tcp) => {
    if (tcp.status === 'fail' && /timeout expired|ETIMEDOUT/.test(errorOf(tcp))) return { verdict: 'confirmed', evidence: `the TCP connect hangs: ${errorOf(tcp)}` };
    if (tcp.status !== 'fail') return { verdict: 'ruled_out', evidence: `port ${String(tcp.observed.port)} connects from here in ${String(tcp.observed.connectMs)} ms` };
    return { verdict: 'inconclusive', evidence: says(tcp) };
  }),
  'connect_timeout/check_dns_and_address_family': byCheck('tcp', (tcp, results) => {
    const lookupMs = Number(results.dns?.observed.lookupMs ?? 0);
    if (lookupMs >= 1_000) return { verdict: 'confirmed', evidence: `resolving the host took ${lookupMs} ms` };
    const attempts = (tcp.observed.attempts as { address: string; family: number; error?: string }[] | undefined) ?? [];
    if (tcp.status === 'warn' && attempts.some((a) => a.error)) return { verdict: 'confirmed', evidence: `some addresses failed before one connected: ${attempts.map((a) => `${a.address} ${a.error ?? 'ok'}`).join(', ')}` };
    if (tcp.status === 'pass') return { verdict: 'ruled_out', evidence: `resolved in ${lookupMs} ms and the first address connected` };
    return { verdict: 'inconclusive', evidence: says(tcp) };
  }),
  'database_missing/check_database_name_source': byLogin((login, results) => {
    const dbname = results.configuration?.observed.databaseFromUrl;
    if (sqlstateOf(login) === '3D000') {
      if (dbname === null || ['undefined', 'None', 'null', ''].includes(String(dbname))) return { verdict: 'confirmed', evidence: `DATABASE_URL names no database (${String(dbname)}), so libpq asked for "${String(login.observed.database)}": ${errorOf(login)}` };
      return { verdict: 'ruled_out', evidence: `the missing database is exactly the one DATABASE_URL names: ${errorOf(login)}` };
    }
    if (login.status !== 'fail') return loginRuledOut(login, `database "${String(login.observed.database)}" exists`);
    return { verdict: 'inconclusive', evidence: says(login) };
  }),
  'database_missing/list_databases': byLogin((login) => {
    if (sqlstateOf(login) === '3D000') return { verdict: 'confirmed', evidence: `the server says so itself: ${errorOf(login)}` };
    if (login.status !== 'fail') return loginRuledOut(login, `database "${String(login.observed.database)}" exists here`);
    return { verdict: 'inconclusive', evidence: says(login) };
  }),
  'env_missing/check_password_setting': {
    probeCheck: 'configuration',
    decide(results) {
      const config = results.configuration;
      if (config === undefined || config.status === 'fail') return { verdict: 'inconclusive', evidence: says(config) };
      return config.observed.passwordPresent === true
        ? { verdict: 'ruled_out', evidence: 'DATABASE_URL carries a password' }
        : { verdict: 'confirmed', evidence: 'DATABASE_URL has no password' };
    },
  },
  'neon_endpoint/check_endpoint_exists': byLogin((login) => {
    if (/endpoint.*(could not be found|not found|does not exist)/i.test(errorOf(login))) return { verdict: 'confirmed', evidence: errorOf(login) };
    if (login.status !== 'fail') return loginRuledOut(login, 'the endpoint answers');
    return { verdict: 'inconclusive', evidence: says(login) };
  }),
  'neon_endpoint/check_endpoint_disabled': byLogin((login) => {
    if (/endpoint.*disabled|exceeded.*(quota|limit)/i.test(errorOf(login))) return { verdict: 'confirmed', evidence: errorOf(login) };
    if (login.status !== 'fail') return loginRuledOut(login, 'the compute is enabled');
    return { verdict: 'inconclusive', evidence: says(login) };
  }),
  'neon_endpoint/check_compute_start': byLogin((login) => {
    if (/couldn't connect to compute node|compute.*(start|wake)/i.test(errorOf(login))) return { verdict: 'confirmed', evidence: errorOf(login) };
    if (login.status !== 'fail') return loginRuledOut(login, 'the compute started and answered right away');
    return { verdict: 'inconclusive', evidence: says(login) };
  }),
  'permission_denied/check_connected_role': byCheck('schema', (schema) => {
    if (schema.family === 'permission_denied') return { verdict: 'confirmed', evidence: `role "${String(schema.observed.role)}": ${errorOf(schema)}` };
    if (schema.status === 'pass' && (schema.observed.expected as string[]).length > 0) return { verdict: 'ruled_out', evidence: `role "${String(schema.observed.role)}" reads every expected table` };
    return { verdict: 'inconclusive', evidence: `${says(schema)}; set PROBE_EXPECTED_TABLES to the tables the app reads` };
  }),
  'permission_denied/grant_schema_privileges': byCheck('schema', (schema) => {
    const privileges = schema.observed.schemaPrivileges as { usage: boolean; create: boolean } | null;
    if (privileges === null) return { verdict: 'inconclusive', evidence: `no schema of the search_path (${String(schema.observed.searchPath)}) exists` };
    const where = `on schema ${String(schema.observed.currentSchema)} role "${String(schema.observed.role)}" has USAGE ${privileges.usage}, CREATE ${privileges.create}`;
    return privileges.usage && privileges.create ? { verdict: 'ruled_out', evidence: where } : { verdict: 'confirmed', evidence: where };
  }),
  'permission_denied/grant_table_privileges': byCheck('schema', (schema) => {
    if (schema.family === 'permission_denied') return { verdict: 'confirmed', evidence: errorOf(schema) };
    if (schema.status === 'pass' && (schema.observed.expected as string[]).length > 0) return { verdict: 'ruled_out', evidence: `role "${String(schema.observed.role)}" reads ${(schema.observed.found as string[]).join(', ')}` };
    return { verdict: 'inconclusive', evidence: `${says(schema)}; set PROBE_EXPECTED_TABLES to the tables in the error` };
  }),
  'pool_timeout/find_unreleased_connections': byCheck('connection_slots', (slots) => leakVerdict(slots)),
  'pooler_incompatible/check_pooled_host': byCheck('dns', (dns) => {
    const neon = dns.observed.neon as { pooled: boolean } | undefined;
    if (neon?.pooled) return { verdict: 'confirmed', evidence: `${String(dns.observed.host)} is Neon's pooled host (PgBouncer in transaction mode)` };
    if (neon) return { verdict: 'ruled_out', evidence: `${String(dns.observed.host)} is Neon's direct host` };
    return { verdict: 'inconclusive', evidence: 'not a Neon host: whether a pooler sits behind it is not visible from the host name' };
  }),
  'role_missing/check_role_name_source': byLogin((login, results) => {
    const user = results.configuration?.observed.userFromUrl;
    if (/role ".*" does not exist/.test(errorOf(login))) {
      if (user === null || ['undefined', 'None', 'null', ''].includes(String(user))) return { verdict: 'confirmed', evidence: `DATABASE_URL names no user (${String(user)}), so libpq used "${String(login.observed.user)}": ${errorOf(login)}` };
      return { verdict: 'ruled_out', evidence: `the missing role is exactly the user DATABASE_URL names: ${errorOf(login)}` };
    }
    if (login.status !== 'fail') return loginRuledOut(login, `role "${String(login.observed.user)}" exists`);
    return { verdict: 'inconclusive', evidence: says(login) };
  }),
  'role_missing/list_roles': byLogin((login) => {
    if (/role ".*" does not exist/.test(errorOf(login))) return { verdict: 'confirmed', evidence: `the server says so itself: ${errorOf(login)}` };
    if (login.status !== 'fail') return loginRuledOut(login, `role "${String(login.observed.user)}" exists here`);
    return { verdict: 'inconclusive', evidence: says(login) };
  }),
  'schema_missing/check_search_path': byCheck('schema', (schema) => {
    const missing = (schema.observed.missing as { table: string; elsewhere: string[] }[] | undefined) ?? [];
    const elsewhere = missing.filter((m) => m.elsewhere.length > 0);
    if (elsewhere.length > 0) return { verdict: 'confirmed', evidence: `${elsewhere.map((m) => `${m.table} exists as ${m.elsewhere.join(', ')}`).join('; ')}; search_path is ${String(schema.observed.searchPath)}` };
    if (missing.length > 0) return { verdict: 'ruled_out', evidence: `no table named ${missing.map((m) => m.table).join(', ')} in any schema` };
    if (schema.status === 'pass' && (schema.observed.expected as string[]).length > 0) return { verdict: 'ruled_out', evidence: `every expected table is on the search_path (${String(schema.observed.searchPath)})` };
    return { verdict: 'inconclusive', evidence: `${says(schema)}; set PROBE_EXPECTED_TABLES to the tables in the error` };
  }),
  'schema_missing/check_identifier_case': byCheck('schema', (schema) => {
    const missing = (schema.observed.missing as { table: string; elsewhere: string[] }[] | undefined) ?? [];
    const otherCase = missing.filter((m) => m.elsewhere.some((name) => (name.split('.').pop() as string) !== (m.table.split('.').pop() as string).toLowerCase()));
    if (otherCase.length > 0) return { verdict: 'confirmed', evidence: otherCase.map((m) => `${m.table} exists as ${m.elsewhere.join(', ')}`).join('; ') };
    if (missing.length > 0) return { verdict: 'ruled_out', evidence: `no table named ${missing.map((m) => m.table).join(', ')} in any letter case` };
    return { verdict: 'inconclusive', evidence: `${says(schema)}; set PROBE_EXPECTED_TABLES to the tables in the error` };
  }),
  'ssl_required/add_sslmode_require': byLogin((login, results) => {
    const sslmode = String(results.configuration?.observed.sslmode);
    if (['require', 'verify-ca', 'verify-full'].includes(sslmode)) return { verdict: 'ruled_out', evidence: `DATABASE_URL has sslmode=${sslmode}` };
    if (login.family === 'ssl_required') return { verdict: 'confirmed', evidence: `sslmode=${sslmode} and the server refuses unencrypted connections: ${errorOf(login)}` };
    return { verdict: 'inconclusive', evidence: `sslmode=${sslmode}; ${says(login)}` };
  }),
  'ssl_unsupported/check_target_server': byCheck('tls', (tls) => tlsOffered(tls)),
  'ssl_unsupported/enable_server_ssl': byCheck('tls', (tls) => tlsOffered(tls)),
  'ssl_verify_failed/identify_server_ca': byCheck('tls', (tls) => {
    if (tls.observed.encrypted !== true) return { verdict: 'inconclusive', evidence: 'the connection is not encrypted: no certificate to read' };
    const cert = tls.observed.certificate as { issuer: string | null; subject: string | null; selfSigned: boolean } | null;
    const who = `subject ${cert?.subject ?? '?'}, issuer ${cert?.issuer ?? '?'}${cert?.selfSigned ? ' (self-signed)' : ''}`;
    return tls.observed.chainVerified === true
      ? { verdict: 'ruled_out', evidence: `the chain verifies against the trust store here: ${who}` }
      : { verdict: 'confirmed', evidence: `${who}: ${String(tls.observed.chainError)}` };
  }),
  'ssl_verify_failed/check_sslmode_meaning': byCheck('tls', (tls) => {
    if (tls.observed.nodePostgres !== undefined) return { verdict: 'confirmed', evidence: String(tls.message) };
    return { verdict: 'ruled_out', evidence: `libpq and node-postgres read sslmode=${String(tls.observed.sslmode)} alike for this server` };
  }),
  'ssl_verify_failed/check_host_name_matches': byCheck('tls', (tls) => {
    if (tls.observed.encrypted !== true) return { verdict: 'inconclusive', evidence: 'the connection is not encrypted: no certificate to read' };
    return tls.observed.hostNameMatches === true
      ? { verdict: 'ruled_out', evidence: 'the host in DATABASE_URL is among the certificate\'s names' }
      : { verdict: 'confirmed', evidence: String(tls.observed.hostNameError) };
  }),
  'stale_connection/check_idle_limits': byCheck('server_facts', (facts) => {
    if (facts.family === 'stale_connection') return { verdict: 'confirmed', evidence: String(facts.message) };
    return { verdict: 'inconclusive', evidence: `idle_session_timeout is ${String(facts.observed.idleSessionTimeoutMs)} ms (0: off); limits between you and the server (a proxy, a load balancer, Neon's suspend) are not visible from here` };
  }),
  'too_many_connections/reduce_pool_size': {
    probeCheck: 'connection_slots',
    decide(results) {
      const login = results.startup_auth;
      if (login?.family === 'too_many_connections') return { verdict: 'confirmed', evidence: `the probe itself got no slot: ${errorOf(login)}` };
      const blocked = blockedBelow(results, 'connection_slots');
      if (blocked) return blocked;
      const slots = results.connection_slots!;
      const share = Number(slots.observed.shareOfUsable ?? 0);
      const taken = `${String(slots.observed.used)} of ${String(slots.observed.usableSlots)} usable slots taken`;
      if (slots.status === 'warn') return { verdict: 'confirmed', evidence: `${taken}; ${String(slots.message)}` };
      if (share < 0.5) return { verdict: 'ruled_out', evidence: `${taken} now` };
      return { verdict: 'inconclusive', evidence: taken };
    },
  },
  'too_many_connections/find_leaked_sessions': byCheck('connection_slots', (slots) => leakVerdict(slots)),
  'too_many_connections/check_role_connection_limit': {
    probeCheck: 'server_facts',
    decide(results) {
      const login = results.startup_auth;
      if (/too many connections for role/.test(errorOf(login))) return { verdict: 'confirmed', evidence: errorOf(login) };
      const blocked = blockedBelow(results, 'server_facts');
      if (blocked) return blocked;
      const facts = results.server_facts!;
      const limit = Number(facts.observed.roleConnectionLimit);
      const used = Number(facts.observed.roleSessions);
      if (limit === -1) return { verdict: 'ruled_out', evidence: 'the role has no connection limit of its own (rolconnlimit -1)' };
      return used >= limit ? { verdict: 'confirmed', evidence: `the role uses ${used} of its ${limit} connections` } : { verdict: 'ruled_out', evidence: `the role uses ${used} of its ${limit} connections` };
    },
  },
  'unknown/reproduce_with_psql': byLogin((login) => {
    if (login.status === 'fail') return { verdict: 'confirmed', evidence: `a libpq-style login with DATABASE_URL fails: ${errorOf(login)} (family ${String(login.family)})` };
    return loginRuledOut(login, 'the problem is in the app\'s own settings or code path');
  }),
  'url_malformed/parse_connection_string': byFindings(['placeholder_password', 'value_rejected', 'libpq_rejects', 'port_misread', 'database_misread', 'localhost_host'], 'a part that is wrong'),
  'url_malformed/encode_special_characters': byFindings(['percent_encoding_needed', 'port_misread', 'database_misread'], 'a user or password that needs percent-encoding'),
  'url_malformed/check_unknown_parameters': byFindings(['non_libpq_parameter', 'libpq_rejects'], 'a parameter libpq does not know'),
  'url_malformed/check_quotes_and_whitespace': byFindings(['quotes', 'whitespace'], 'quotes, brackets or whitespace'),
});

function tlsOffered(tls: CheckResult): Decision {
  if (tls.observed.serverOffersTls === false) return { verdict: 'confirmed', evidence: 'the server answered the SSLRequest with N: it offers no TLS' };
  return { verdict: 'ruled_out', evidence: `the server offers TLS (${String(tls.observed.protocol ?? 'answered S to the SSLRequest')})` };
}

function leakVerdict(slots: CheckResult): Decision {
  const suspects = (slots.observed.leakSuspects as string[] | undefined) ?? [];
  if (suspects.length > 0) return { verdict: 'confirmed', evidence: suspects.join('; ') };
  return { verdict: 'ruled_out', evidence: `no session idle in transaction, no application hoarding idle sessions, no climb between two samples (${String(slots.observed.used)} sessions)` };
}

/** Runbook checks no probe decides, with the reason: they stay questions for the user. */
export const MANUAL_CHECKS: Readonly<Record<string, string>> = Object.freeze({
  'auth_failed/check_env_override': 'what the app process sees is not visible from pgtriage',
  'auth_failed/read_server_reason': 'needs the server log, which Neon does not show',
  'cannot_connect/check_container_network': 'the probe runs where pgtriage runs, not inside the app\'s container',
  'cannot_connect/check_ip_allow': 'allow lists and security groups are set in the provider console',
  'connect_timeout/check_region_latency': 'needs the app\'s own connect times and region',
  'connect_timeout/check_server_overload': 'needs the compute\'s CPU and memory graphs at the time of the timeouts',
  'database_missing/check_branch_or_server': 'which branch holds the database is in the Neon console',
  'database_missing/create_database': 'whether setup creates the database is in the app\'s setup',
  'database_missing/check_docker_init_skipped': 'needs the container\'s log',
  'driver_missing/install_driver': 'the driver lives in the app\'s environment, not pgtriage\'s',
  'driver_missing/check_same_environment': 'the driver lives in the app\'s environment, not pgtriage\'s',
  'driver_missing/check_production_dependencies': 'needs the app\'s build',
  'driver_missing/check_native_build': 'needs the app\'s build',
  'driver_missing/check_bundle_and_platform': 'needs the app\'s deployed artifact',
  'env_missing/check_process_sees_url': 'pgtriage reads its own environment, not the app process\'s',
  'env_missing/check_env_file_loaded': 'the app\'s loading order is in its code',
  'env_missing/check_variable_names': 'the names the app reads are in its code',
  'env_missing/check_deploy_environment': 'deploy environments are set on the platform',
  'neon_endpoint/read_inner_error': 'reads the pasted text, not the database',
  'neon_endpoint/check_sni_support': 'depends on the app\'s client library and version',
  'permission_denied/check_ownership_for_ddl': 'which role runs migrations is in the app\'s tooling',
  'permission_denied/check_role_attributes': 'depends on the operation that failed',
  'pool_timeout/compare_pool_with_server': 'needs the app\'s pool size and stats',
  'pool_timeout/check_slow_queries': 'needs the app\'s queries while its pool is full',
  'pool_timeout/check_nested_checkouts': 'in the app\'s code',
  'pool_timeout/size_pool_for_concurrency': 'needs the app\'s peak concurrency',
  'pooler_incompatible/disable_named_prepared_statements': 'a setting of the app\'s client',
  'pooler_incompatible/use_direct_url_for_migrations': 'which URL migrations use is in the app\'s tooling',
  'pooler_incompatible/remove_unsupported_startup_parameters': 'the app\'s driver may add parameters the URL does not show',
  'pooler_incompatible/check_session_state_use': 'in the app\'s code',
  'role_missing/check_branch_or_server': 'which branch holds the role is in the Neon console',
  'role_missing/check_docker_init_skipped': 'needs the container\'s log',
  'role_missing/check_migration_role_references': 'in the app\'s migrations or dumps',
  'schema_missing/check_target_database': 'where the migrations ran is in the app\'s tooling',
  'schema_missing/run_migrations': 'each migration tool keeps its own table',
  'schema_missing/check_test_database': 'which database the test run uses is in its config',
  'ssl_required/check_config_overrides_url': 'TLS options next to the URL are in the app\'s code',
  'ssl_required/check_pgsslmode_env': 'the app process\'s PGSSL* variables are not visible from pgtriage',
  'ssl_required/check_pg_hba_hostssl': 'pg_hba.conf is on the server\'s disk',
  'ssl_required/check_client_tls_support': 'a property of the app\'s client build',
  'ssl_unsupported/check_client_forces_ssl': 'TLS settings in the app\'s code or environment',
  'ssl_unsupported/check_pooler_or_proxy_tls': 'the probe reaches only the host in DATABASE_URL',
  'ssl_verify_failed/check_url_overrides_ca': 'the CA object is in the app\'s code',
  'ssl_verify_failed/check_intercepting_proxy': 'needs the chain seen from the app\'s network',
  'ssl_verify_failed/check_trust_store_current': 'the trust store of the app\'s machine or image',
  'stale_connection/confirm_pre_ping': 'the app\'s pool settings are in its code (the stale_pool check shows the effect on this server)',
  'stale_connection/check_server_restarts': 'needs the times of the app\'s errors (server_facts shows the server\'s uptime)',
  'stale_connection/check_long_lived_client': 'in the app\'s code',
  'stale_connection/check_tcp_keepalive': 'the app\'s client and network settings',
  'too_many_connections/check_serverless_fanout': 'how the app is deployed',
  'too_many_connections/check_pooler_limit': 'the pooler\'s own limits are not in pg_stat_activity',
  'unknown/ask_exact_error': 'asks the user for text',
  'unknown/look_up_sqlstate': 'reads the pasted text',
  'unknown/check_not_a_connection_error': 'reads the pasted text',
  'url_malformed/check_scheme': 'which schemes a client accepts depends on that client (SQLAlchemy refuses postgres://)',
});

export function liveCheckFor(family: string, stepId: string): LiveCheck | undefined {
  return LIVE_CHECKS[`${family}/${stepId}`];
}
