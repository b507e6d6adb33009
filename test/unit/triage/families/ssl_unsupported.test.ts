import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('ssl_unsupported', {
  valid: corpusCases('ssl_unsupported'),
  invalid: [
    {
      title: "pgjdbc's generic connect failure without a reason (nothing says the server refused TLS, batch 25)",
      text: "org.postgresql.util.PSQLException: The connection attempt failed.",
      source: "pgjdbc ConnectionFactoryImpl (near the GDScript client's \"The connection attempt failed. The backend does not want to establish a secure SSL/TLS connection.\", KuwazyStudio/PostgreSQLClient#29)",
      family: "cannot_connect",
    },
    {
      title: "a program's own 'SSL not available' (no OpenSSL module), not Postgrex's SSLRequest refusal",
      text: "Warning: SSL not available (No module named _ssl). Will use curl for HTTPS.",
      source: "Python ssl import failure wording in a plugin log (find_string: \"SSL not available\")",
    },
    {
      title: 'a server that demands TLS',
      text: 'pq: connection is insecure (try using `sslmode=require`)',
      source: 'neondatabase/neon#2193',
      family: 'ssl_required',
    },
    {
      title: 'a certificate that does not verify',
      text: 'psql: error: SSL error: certificate verify failed',
      source: 'libpq fe-secure-openssl.c',
      family: 'ssl_verify_failed',
    },
  ],
});
