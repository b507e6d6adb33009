// The client could not verify the server certificate: a self-signed or
// private CA without sslrootcert, a host name mismatch, an expired chain.
import { runbook } from '../runbooks/ssl_verify_failed.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'ssl_verify_failed',
    title: 'Server certificate not verified',
    summary: 'TLS was negotiated but the client rejected the server certificate (unknown CA, self-signed chain, wrong host name, expired).',
  },
  patterns: [
    {
      // PgBouncer (libusual over OpenSSL) logs the handshake failure with OpenSSL's reason; an OCSP or
      // chain check on the server's certificate reads "certificate verify error".
      id: 'tls-handshake-certificate-verify-error',
      kind: 'wording',
      pattern: /TLS handshake (?:error|failed)[^\n]{0,200}?certificate verify error/i,
      weight: 0.9,
      clients: ['pgbouncer'],
      source: 'PgBouncer "WARNING TLS handshake error: handshake failed: error:27069065:OCSP routines:OCSP_basic_verify:certificate verify error" (brainsam/pgbouncer#7); OpenSSL OCSP_R_CERTIFICATE_VERIFY_ERROR',
    },
    {
      // Go's crypto/tls refuses to start a verifying handshake without a name to check the certificate
      // against: a tls.Config built by hand (pgx with sslrootcert but no host name, a proxy dialing an IP)
      // can never verify the server, so the fix is the same as for a failed verification.
      id: 'go-tls-no-server-name',
      kind: 'wording',
      pattern: /tls: either ServerName or InsecureSkipVerify must be specified in the tls\.Config/,
      weight: 0.8,
      clients: ['pgx', 'go'],
      source: 'golang/go src/crypto/tls/handshake_client.go clientHandshake: "tls: either ServerName or InsecureSkipVerify must be specified in the tls.Config" (jmoiron/sqlx#792 over pgx; GoogleCloudPlatform/cloud-sql-proxy#2447)',
      alternatives: [{ family: 'url_malformed', weight: 0.4 }],
    },
    {
      // Erlang/OTP's ssl application (under Postgrex, epgsql) reports the alert the client itself raised while
      // checking the server's chain: "TLS client: In state wait_cert ... generated CLIENT ALERT: Fatal - Unknown CA",
      // and the same as a term {tls_alert, {unknown_ca, ...}} (otp lib/ssl/src/ssl_alert.erl description_txt).
      // A SERVER ALERT, or handshake_failure, is the other side refusing or no common cipher: not a verification.
      id: 'erlang-ssl-client-alert-certificate',
      kind: 'wording',
      pattern: /CLIENT ALERT: Fatal - (?:Unknown CA|Bad Certificate|Certificate Expired|Certificate Unknown|Certificate Revoked|Unsupported Certificate)\b|\{:?tls_alert, ?\{:?(?:unknown_ca|bad_certificate|certificate_expired|certificate_unknown|certificate_revoked)\b/,
      weight: 0.9,
      clients: ['postgrex'],
      source: 'erlang/otp lib/ssl/src/ssl_alert.erl alert texts ("Unknown CA", "Bad Certificate", ...) as Postgrex relays them: "(DBConnection.ConnectionError) ssl connect: TLS client: In state wait_cert at ssl_handshake.erl:2133 generated CLIENT ALERT: Fatal - Unknown CA" (plausible/community-edition#135)',
    },
    {
      // The same client alert can be sent as a plain "Handshake Failure" with the path-validation reason after it:
      // {bad_cert, Reason} is what OTP's certificate check returned (ssl_handshake.erl path_validation_alert;
      // public_key:pkix_verify_hostname gives hostname_check_failed). The reason, not the alert name, is the evidence.
      id: 'erlang-ssl-bad-cert-reason',
      kind: 'wording',
      pattern: /\{:?bad_cert, ?:?(?:hostname_check_failed|unknown_ca|selfsigned_peer|cert_expired|invalid_issuer|invalid_signature|name_not_permitted|missing_basic_constraint|invalid_key_usage|cert_revoked)\}/,
      weight: 0.9,
      clients: ['postgrex'],
      source: 'erlang/otp lib/ssl/src/ssl_handshake.erl path validation {bad_cert, Reason} (hostname_check_failed from public_key:pkix_verify_hostname, unknown_ca, selfsigned_peer, cert_expired ...) as Postgrex relays it (cockroachdb/docs#13359)',
    },
    {
      // Npgsql 3.x carried its own TLS client (Npgsql.Tls.TlsClientStream) and, when the server's chain or name did
      // not validate, sent the fatal alert certificate_unknown itself: ClientAlertException "CertificateUnknown: Server
      // certificate was not accepted. Chain status: ... The specified hostname was not present in the certificate."
      // A client alert for anything else (HandshakeFailure: no common cipher or version) is not a verification.
      id: 'npgsql3-tls-client-alert-certificate',
      kind: 'wording',
      pattern: /\bClientAlertException: (?:CertificateUnknown|BadCertificate|UnknownCa|CertificateExpired|CertificateRevoked)\b|\bServer certificate was not accepted\. Chain status:/,
      weight: 0.9,
      clients: ['npgsql'],
      source: 'Npgsql 3.2 TlsClientStream.ParseCertificateMessage -> SendAlertFatal(AlertDescription.CertificateUnknown, "Server certificate was not accepted. Chain status: ...") (npgsql/npgsql#1884, Power BI over Npgsql 3.2.7); the alert names are TLS 1.2\'s (RFC 5246 7.2.2)',
    },
    {
      // JSSE's validator failing a server certificate; the PKIX detail that usually follows is stronger evidence.
      id: 'jsse-validator-exception',
      kind: 'wording',
      pattern: /sun\.security\.validator\.ValidatorException/,
      weight: 0.85,
      clients: ['jdbc'],
      source: 'JDK sun.security.validator.ValidatorException as pgjdbc prints it after "SSL error:" (metabase/metabase#8908)',
    },
    {
      // .NET SslStream refusing the server certificate (Npgsql, EF Core): the framework's own wordings, which
      // Npgsql wraps in "Exception while performing SSL handshake".
      id: 'dotnet-remote-certificate',
      kind: 'wording',
      pattern: /The remote certificate (?:is invalid (?:according to the validation procedure|because of errors in the certificate chain)|was rejected by the provided RemoteCertificateValidationCallback)/,
      weight: 0.9,
      clients: ['npgsql'],
      source: 'dotnet/runtime System.Net.Security SR net_ssl_io_cert_validation / net_ssl_io_cert_chain_validation / net_ssl_io_cert_custom_validation (SslStream.SendAuthResetSignal); npgsql/npgsql#3367',
    },
    {
      // Erlang/OTP 26+ ssl defaults to verify_peer and refuses to start without CA certificates; Postgrex passes the
      // refusal on as a connect error. The fix is a CA store (cacerts/cacertfile), i.e. certificate verification.
      id: 'otp-verify-peer-without-cacerts',
      kind: 'wording',
      pattern: /\{verify,\s{0,4}verify_peer\},\s{0,80}\{cacerts,\s{0,4}undefined\}|\[verify: :verify_peer, cacerts: :undefined\]/,
      weight: 0.85,
      clients: ['postgrex'],
      source: 'Erlang/OTP ssl options check {options, incompatible, [{verify, verify_peer}, {cacerts, undefined}]} (OTP 26 default verify_peer); elixir-ecto/postgrex#739, electric-sql/archived-electric-next#189',
    },
    {
      id: 'node-tls-code',
      kind: 'errno',
      pattern: /\b(?:X509_V_ERR_)?(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_GET_ISSUER_CERT|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)\b/,
      weight: 0.97,
      clients: ['node-postgres', 'typeorm', 'postgres-js', 'prisma'],
      source: 'Node.js tls X509 verification error codes (nodejs.org/api/tls.html#x509-certificate-error-codes)',
    },
    {
      id: 'self-signed',
      kind: 'wording',
      pattern: /self[- ]signed certificate/i,
      weight: 0.95,
      clients: ['node-postgres', 'typeorm', 'prisma', 'asyncpg', 'psycopg2'],
      source: 'OpenSSL X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN text (run-llama/LlamaIndexTS#366)',
    },
    {
      id: 'openssl-verify',
      kind: 'wording',
      pattern: /certificate\s+verify\s+failed|CERTIFICATE_VERIFY_FAILED|SSLCertVerificationError|unable to verify the first certificate|unable to get local issuer certificate|certificate has expired|The certificate was not trusted/i,
      weight: 0.95,
      clients: ['libpq', 'psycopg2', 'asyncpg', 'node-postgres', 'prisma', 'ruby-pg'],
      source: 'OpenSSL X509 verify texts via libpq "SSL error: certificate verify failed", Python ssl, Node tls; macOS Security.framework "The certificate was not trusted" via Prisma native-tls (prisma/prisma#884)',
    },
    {
      id: 'host-name-mismatch',
      kind: 'wording',
      pattern: /does not match host name|Hostname\/IP does not match certificate's altnames|could not be verified by hostnameverifier|x509: certificate is valid for/i,
      weight: 0.93,
      clients: ['libpq', 'psycopg2', 'node-postgres', 'jdbc', 'pgx'],
      source: 'libpq fe-secure-common.c: server certificate for "%s" does not match host name "%s" (psycopg/psycopg2#1543)',
    },
    {
      id: 'unknown-authority',
      kind: 'wording',
      pattern: /(?:x509: )?certificate signed by unknown authority|\bx509: (?:certificate\b|cannot validate certificate)|tls: failed to verify certificate|PKIX path (?:building|validation) failed|does not chain with any of the trust anchors|unable to find valid certification path|invalid peer certificate|\bUnknownIssuer\b/i,
      weight: 0.95,
      clients: ['pgx', 'lib-pq', 'jdbc', 'prisma'],
      source: 'Go crypto/x509: every "x509: certificate ..." is a verification failure (supabase/pg-toolbelt#88, grafana/grafana#30383); Java PKIX; rustls (Prisma engines) "invalid peer certificate: UnknownIssuer"',
    },
    {
      id: 'root-cert-missing',
      kind: 'wording',
      pattern: /root certificate file "[^"\n]{1,256}" does not exist|could not read root certificate file/i,
      weight: 0.9,
      clients: ['libpq', 'psycopg2'],
      source: 'libpq fe-secure-openssl.c initialize_SSL() with sslmode=verify-ca/verify-full',
    },
    {
      // Only the verifying modes check the certificate; a paste that names one and no
      // error of its own is most likely about that check. Weak: any real error outranks it.
      id: 'verifying-sslmode-named',
      kind: 'wording',
      pattern: /\bsslmode\s{0,2}[=:]\s{0,2}['"`]?verify-(?:full|ca)\b/i,
      weight: 0.4,
      clients: ['libpq', 'psycopg2', 'psycopg3', 'node-postgres'],
      source: 'libpq sslmode=verify-ca/verify-full (postgresql.org/docs/current/libpq-ssl.html); a wildcard certificate failing only under verify-full (psycopg/psycopg#691)',
    },
    {
      id: 'prisma-tls-error',
      kind: 'client-code',
      pattern: /\bP1011\b|Error opening a TLS connection/,
      weight: 0.6,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1011 (the inner message names the cause)',
    },
  ],
  nearMisses: [
    {
      id: 'verifying-sslmode-unsupported-by-client',
      // A driver that cannot parse or offer the mode: nothing was verified yet.
      pattern: /(?:support(?:s|ed)? (?:of|for) |\badd )sslmode\s{0,2}[=:]?\s{0,2}['"`]?verify-(?:full|ca)\b|sslmode\s{0,2}[=:]?\s{0,2}['"`]?verify-(?:full|ca)['"`]? (?:is )?not supported/i,
      reason: 'The client does not implement sslmode=verify-full/verify-ca (go-pg/pg#1438: "pg: sslmode \'verify-full\' is not supported"): a client limitation, not a failed certificate check.',
    },
  ],
  runbook,
};
