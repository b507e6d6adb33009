// Layer 4: the startup message and authentication, through node-postgres
// with libpq's TLS meaning. The method is read from the server's own
// AuthenticationRequest (protocol-message-formats.html: AuthenticationOk,
// CleartextPassword, MD5Password, SASL with its mechanism list), which pg's
// Connection emits as events before it answers them.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { destroyClient } from '../session.ts';
import type { CheckOutcome, ProbeCheck } from '../types.ts';

interface AuthSeen {
  method: 'trust' | 'password' | 'md5' | 'SCRAM-SHA-256' | 'SCRAM-SHA-256-PLUS' | null;
  mechanisms: string[];
  serverVersion: string | null;
  isSuperuser: boolean | null;
  socketAt: number | null;
  authRequestAt: number | null;
  authOkAt: number | null;
}

export const startupAuth: ProbeCheck = {
  id: 'startup_auth',
  dependsOn: ['tls'],
  async run({ session, signal, timeoutMs }): Promise<CheckOutcome> {
    const settings = session.settings;
    const startedAt = performance.now();
    const { seen, error } = await connectAndWatch(session.clientConfig({ timeoutMs }), signal);
    const connectMs = Math.round(performance.now() - startedAt);
    const observed: Record<string, unknown> = {
      user: settings.user,
      database: settings.database,
      method: seen.method,
      ...(seen.mechanisms.length > 0 ? { mechanismsOffered: seen.mechanisms } : {}),
      connectMs,
      ...(seen.serverVersion ? { serverVersion: seen.serverVersion } : {}),
      ...(seen.isSuperuser !== null ? { isSuperuser: seen.isSuperuser } : {}),
    };
    if (seen.authOkAt !== null && seen.authRequestAt !== null) session.timings.auth = Math.round(seen.authOkAt - seen.authRequestAt);
    if (error) throw Object.assign(error, { observed });
    session.firstConnectMs = connectMs;
    session.timings.freshConnection = connectMs;
    if (seen.method === 'trust') {
      return { status: 'warn', observed, message: 'the server let this role in without a password (trust): fine on a laptop, never on a shared server' };
    }
    if (seen.method === 'password' && !session.tlsDecision.encrypt) {
      return { status: 'warn', observed, message: 'the server asked for the password in clear text over an unencrypted connection' };
    }
    if (seen.method === 'md5') {
      // PostgreSQL 18 deprecates MD5 passwords (release notes 18, "Deprecate MD5 password authentication").
      return { status: 'warn', observed, message: 'the server asked for an MD5 password; MD5 is deprecated since PostgreSQL 18: move the role to SCRAM-SHA-256' };
    }
    return { status: 'pass', observed };
  },
};

/** Connects one pg.Client, recording what the server asked for and when; always closes it. */
export async function connectAndWatch(config: pg.ClientConfig, signal: AbortSignal): Promise<{ seen: AuthSeen; error: Error | null }> {
  const client = new pg.Client(config);
  client.on('error', () => {});
  const seen: AuthSeen = { method: null, mechanisms: [], serverVersion: null, isSuperuser: null, socketAt: null, authRequestAt: null, authOkAt: null };
  const connection = (client as unknown as { connection: import('node:events').EventEmitter }).connection;
  const requested = (method: AuthSeen['method']) => () => {
    seen.method ??= method;
    seen.authRequestAt ??= performance.now();
  };
  connection.on('connect', () => (seen.socketAt = performance.now()));
  connection.on('authenticationCleartextPassword', requested('password'));
  connection.on('authenticationMD5Password', requested('md5'));
  connection.on('authenticationSASL', (message: { mechanisms?: string[] }) => {
    seen.mechanisms = message.mechanisms ?? [];
    const plus = (config as { enableChannelBinding?: boolean }).enableChannelBinding === true && seen.mechanisms.includes('SCRAM-SHA-256-PLUS');
    requested(plus ? 'SCRAM-SHA-256-PLUS' : 'SCRAM-SHA-256')();
  });
  connection.on('authenticationOk', () => {
    // AuthenticationOk with no request before it: the server trusted the role.
    if (seen.method === null) requested('trust')();
    seen.authOkAt = performance.now();
  });
  connection.on('parameterStatus', (message: { parameterName: string; parameterValue: string }) => {
    if (message.parameterName === 'server_version') seen.serverVersion = message.parameterValue;
    if (message.parameterName === 'is_superuser') seen.isSuperuser = message.parameterValue === 'on';
  });
  const onAbort = () => destroyClient(client);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    return { seen, error: null };
  } catch (error) {
    return { seen, error: signal.aborted ? new Error('timeout expired: the probe time budget ran out during startup', { cause: error }) : (error as Error) };
  } finally {
    signal.removeEventListener('abort', onAbort);
    await client.end().catch(() => destroyClient(client));
  }
}
