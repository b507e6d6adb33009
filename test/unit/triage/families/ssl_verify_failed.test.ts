import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('ssl_verify_failed', {
  valid: corpusCases('ssl_verify_failed'),
  invalid: [
    {
      title: "Go's crypto/tls reading a non-TLS answer (the server speaks plain PostgreSQL, no certificate to verify, batch 25)",
      text: "failed to connect to `host=db user=app database=app`: tls error (tls: first record does not look like a TLS handshake)",
      source: "golang/go src/crypto/tls/conn.go readRecordOrCCS \"tls: first record does not look like a TLS handshake\" (near \"tls: either ServerName or InsecureSkipVerify must be specified\", jmoiron/sqlx#792)",
    },
    {
      title: '.NET SslStream: the peer closed the stream during the handshake (no certificate was judged)',
      text: 'System.Security.Authentication.AuthenticationException: Authentication failed because the remote party has closed the transport stream.',
      source: 'dotnet/runtime SR net_auth_eof, the handshake counterpart of the certificate wordings (net_ssl_io_cert_*)',
    },
    {
      title: "Postgrex's ssl: true warning alone (a working connection that does not verify), not OTP's refusal",
      text: '13:21:25.856 [warning] setting ssl: true on your database connection offers only limited protection, as the server\'s certificate is not verified. Set "ssl: [cacertfile: path/to/file]" instead',
      source: 'elixir-ecto/postgrex protocol.ex warning, logged on every connect with ssl: true (electric-sql/archived-electric-next#189)',
    },
    {
      title: "OTP ssl refusing other option pairs (TLS versions and ciphers), not verify_peer without cacerts",
      text: "[error] Postgrex.Protocol (#PID<0.265.0>) failed to connect: ** (DBConnection.ConnectionError) ssl connect: Options (or their values) can not be combined: [{versions,['tlsv1.3']}, {ciphers,[]}]",
      source: 'Erlang/OTP ssl {options, incompatible, ...} for a TLS version/cipher clash (the same check, another pair)',
    },
    {
      title: "OpenSSL's CMS (S/MIME) \"certificate verify error\" outside a TLS handshake",
      text: 'Error verifying data\nC0E1F0B7A67F0000:error:10800064:CMS routines:cms_signerinfo_verify_cert:certificate verify error:crypto/cms/cms_smime.c:290:',
      source: 'OpenSSL CMS_R_CERTIFICATE_VERIFY_ERROR from `openssl cms -verify` (the TLS handshake form is brainsam/pgbouncer#7)',
      family: 'unknown',
    },
    {
      title: "Bean Validation's ConstraintViolationException (a 'validator' that is not the TLS certificate validator)",
      text: "jakarta.validation.ConstraintViolationException: Validation failed for classes [com.example.User]",
      source: "Jakarta Bean Validation exception text",
    },
    {
      title: 'an OpenSSL error name that is not a verification failure',
      text: 'SSL error: X509_V_ERR_OUT_OF_MEM',
      source: 'OpenSSL X509_V_ERR_* codes other than the chain/issuer/expiry ones do not mean the certificate was rejected',
    },
    {
      title: 'a client that does not implement the verifying sslmode',
      text: "Please, add support of sslmode=verify-full in ParseURL(), now just error: pg: sslmode 'verify-full' is not supported.",
      source: 'go-pg/pg#1438',
    },
    {
      title: 'a server without TLS',
      text: 'org.postgresql.util.PSQLException: The server does not support SSL.',
      source: 'xtdb/xtdb#4002',
      family: 'ssl_unsupported',
    },
    {
      title: 'a TLS connection that died mid-query',
      text: 'psycopg2.OperationalError: SSL SYSCALL error: EOF detected',
      source: 'numerique-gouv/b3desk#236',
      family: 'stale_connection',
    },
  ],
});
