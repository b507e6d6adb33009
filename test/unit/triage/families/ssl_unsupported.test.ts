import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('ssl_unsupported', {
  valid: corpusCases('ssl_unsupported'),
  invalid: [
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
