// Layer 3: PostgreSQL's SSLRequest, then Node's TLS handshake on the same
// socket (protocol-flow.html, "SSL Session Encryption"). sslmode means what
// libpq says (libpq-ssl.html, table "SSL Mode Descriptions"): require
// encrypts without verifying, verify-ca checks the chain, verify-full the
// chain and the host name. Where node-postgres reads the same string
// differently (pg-connection-string index.js treats prefer/require/verify-ca
// as verify-full, and no sslmode as no TLS), the check warns with the fix.
import { performance } from 'node:perf_hooks';
import type { Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { readAsNodePostgres } from '../../connstr/node-postgres-reader.ts';
import { caOf, isIpAddressHost, libpqTlsIntent } from '../target.ts';
import type { CheckOutcome, ProbeCheck } from '../types.ts';
import { openSocket } from './tcp.ts';

// Int32 length 8, then the SSLRequest code 80877103 (protocol-message-formats.html).
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

export const tlsCheck: ProbeCheck = {
  id: 'tls',
  dependsOn: ['tcp'],
  async run({ session, signal, timeoutMs, target }): Promise<CheckOutcome> {
    const settings = session.settings;
    const intent = libpqTlsIntent(settings.sslmode);
    // libpq's connect_timeout bounds the whole attempt, the SSL negotiation included (libpq-connect.html).
    if (settings.connectTimeoutSeconds) timeoutMs = Math.min(timeoutMs, settings.connectTimeoutSeconds * 1000);
    const startedAt = performance.now();
    const socket = await openSocket({ host: session.connectedAddress ?? settings.host, port: settings.port, timeoutMs, signal });
    try {
      const answer = await readSslAnswer(socket, Math.max(1, timeoutMs - (performance.now() - startedAt)), settings.host, settings.port);
      const serverOffersTls = answer === 'S';
      session.timings.tls = Math.round(performance.now() - startedAt);
      const observed: Record<string, unknown> = { sslmode: settings.sslmode, serverOffersTls };
      if (!serverOffersTls) {
        session.tls = { encrypt: false, verifyChain: false, verifyHost: false };
        if (intent.wants === 'always') {
          // libpq's wording (fe-connect.c) for an 'N' answer under sslmode=require or stricter.
          return { status: 'fail', observed: { ...observed, encrypted: false }, message: 'the server does not offer TLS but sslmode asks for it', errorText: 'server does not support SSL, but SSL was required' };
        }
        return { status: 'pass', observed: { ...observed, encrypted: false }, ...(intent.wants === 'never' ? {} : { message: 'the server offers no TLS: the connection is not encrypted' }) };
      }
      if (intent.wants === 'never') {
        session.tls = { encrypt: false, verifyChain: false, verifyHost: false };
        return { status: 'pass', observed: { ...observed, encrypted: false }, message: 'sslmode=disable: not encrypted although the server offers TLS' };
      }
      const servername = isIpAddressHost(settings.host) ? undefined : settings.host;
      const secure = await handshake(socket, { servername, ca: caOf(settings), timeoutMs: Math.max(1, timeoutMs - (performance.now() - startedAt)), signal });
      session.timings.tls = Math.round(performance.now() - startedAt);
      const cert = secure.getPeerCertificate();
      const chainError = secure.authorized ? null : toError(secure.authorizationError);
      const hostError = cert && Object.keys(cert).length > 0 ? checkServerIdentity(settings.host, cert) ?? null : null;
      const validTo = cert?.valid_to ? new Date(cert.valid_to) : null;
      const details = {
        ...observed,
        encrypted: true,
        protocol: secure.getProtocol(),
        cipher: secure.getCipher()?.name,
        sniSent: servername ?? null,
        certificate: certificateSummary(cert, validTo),
        chainVerified: chainError === null,
        ...(chainError ? { chainError: `${chainError.message}${chainError.code ? ` (${chainError.code})` : ''}` } : {}),
        hostNameMatches: hostError === null,
        ...(hostError ? { hostNameError: hostError.message } : {}),
      };
      secure.destroy();
      session.tls = { encrypt: true, verifyChain: intent.verifyChain, verifyHost: intent.verifyHost };
      if (intent.verifyChain && chainError) {
        return { status: 'fail', observed: details, message: `sslmode=${settings.sslmode} and the certificate chain does not verify`, errorText: details.chainError as string };
      }
      if (intent.verifyHost && hostError) {
        return { status: 'fail', observed: details, message: `sslmode=verify-full and the host name is not in the certificate`, errorText: hostError.message };
      }
      const differs = nodePostgresDiffers(target.url, { chainError, hostError, encrypted: true });
      if (differs) return { status: 'warn', observed: { ...details, nodePostgres: differs.reading }, message: differs.message, ...(differs.errorText ? { errorText: differs.errorText } : {}) };
      const daysLeft = validTo ? Math.floor((validTo.getTime() - Date.now()) / 86_400_000) : null;
      if (daysLeft !== null && daysLeft < 14) {
        return { status: 'warn', observed: details, message: `the server certificate expires in ${daysLeft} day(s) (${validTo!.toISOString()})` };
      }
      return { status: 'pass', observed: details };
    } finally {
      socket.destroy();
    }
  },
};

function readSslAnswer(socket: Socket, timeoutMs: number, host: string, port: number): Promise<'S' | 'N'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      // The server took the TCP connection and never answered: libpq says `timeout expired`.
      reject(new Error(`timeout expired: ${host}:${port} accepted TCP but did not answer the SSLRequest within ${Math.round(timeoutMs)} ms`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      cleanup();
      socket.pause();
      const answer = String.fromCharCode(chunk[0] ?? 0);
      // More bytes after 'S' would be injected plaintext (CVE-2021-23222); libpq refuses it too.
      if (answer === 'S' && chunk.length > 1) return reject(new Error('received unencrypted data after SSL response'));
      if (answer === 'S' || answer === 'N') return resolve(answer);
      reject(new Error(`received invalid response to SSL negotiation: ${JSON.stringify(answer)}`));
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('server closed the connection unexpectedly'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    function cleanup() {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onError);
    }
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('error', onError);
    socket.write(SSL_REQUEST);
  });
}

function handshake(socket: Socket, { servername, ca, timeoutMs, signal }: { servername?: string; ca?: string; timeoutMs: number; signal: AbortSignal }): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    // Verification is judged below against sslmode, so the handshake itself accepts any certificate.
    const secure = tlsConnect({ socket, servername, ca, rejectUnauthorized: false });
    const timer = setTimeout(() => fail(new Error(`timeout expired: the TLS handshake did not finish within ${Math.round(timeoutMs)} ms`)), timeoutMs);
    const onAbort = () => fail(new Error('the probe run was cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    function fail(error: Error) {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      secure.destroy();
      reject(error);
    }
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      secure.on('error', () => {});
      resolve(secure);
    });
    secure.once('error', fail);
  });
}

// Node reports the verification result as an OpenSSL code
// (nodejs.org/api/tls.html#x509-certificate-error-codes); these are the
// messages Node throws for them when it verifies, as users see them.
const X509_MESSAGES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
};

function toError(value: unknown): (Error & { code?: string }) | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Error) return value as Error & { code?: string };
  const code = String(value);
  return Object.assign(new Error(X509_MESSAGES[code] ?? code), { code });
}

function certificateSummary(cert: PeerCertificate | undefined, validTo: Date | null): Record<string, unknown> | null {
  if (!cert || Object.keys(cert).length === 0) return null;
  return {
    subject: cert.subject?.CN ?? null,
    issuer: [cert.issuer?.CN, cert.issuer?.O].filter(Boolean).join(', ') || null,
    selfSigned: cert.subject?.CN === cert.issuer?.CN && JSON.stringify(cert.subject) === JSON.stringify(cert.issuer),
    altNames: cert.subjectaltname ?? null,
    validTo: validTo?.toISOString() ?? null,
  };
}

/** How node-postgres would read the same string, when that differs from libpq's reading in a way this server shows. */
function nodePostgresDiffers(url: string, seen: { chainError: Error | null; hostError: Error | null; encrypted: boolean }): { reading: string; message: string; errorText?: string } | null {
  const reading = readAsNodePostgres(url);
  if (!reading.ok) return null;
  const tls = reading.config.tls;
  const refusal = tls === 'verify-full' ? seen.chainError ?? seen.hostError : tls === 'verify-ca' ? seen.chainError : null;
  if (refusal) {
    return {
      reading: tls,
      message:
        `libpq (psql, Python) connects with this sslmode, but node-postgres reads it as ${tls} and would refuse this certificate (${refusal.message}). ` +
        'For Node (pg, TypeORM, Drizzle): give the CA with sslrootcert=/path/to/ca.pem, or add uselibpqcompat=true to keep libpq\'s meaning of sslmode, ' +
        'or use sslmode=no-verify where verification is not wanted (pg-connection-string README, "SSL modes")',
      errorText: refusal.message,
    };
  }
  if (tls === 'off' && seen.encrypted) {
    return {
      reading: tls,
      message: 'libpq encrypts here (its default sslmode=prefer), but node-postgres connects without TLS when the string has no sslmode: add sslmode=require (Neon refuses unencrypted connections)',
    };
  }
  return null;
}
