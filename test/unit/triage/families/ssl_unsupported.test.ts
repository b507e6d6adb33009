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
    {
      title: 'a logged connect failure whose reason is DNS, with the same DBConnection consequence after it',
      text: '16:02:11.482 [error] Postgrex.Protocol (#PID<0.2871.0>) failed to connect: ** (DBConnection.ConnectionError) tcp connect (db.internal:5432): non-existing domain - :nxdomain\n** (DBConnection.ConnectionError) connection not available because of disconnection\n    (db_connection 2.4.1) lib/db_connection.ex:1082: DBConnection.checkout/3',
      source: 'elixir-ecto/db_connection connection.ex logs "failed to connect: " with the reason; the reason decides (here the name did not resolve)',
      family: 'cannot_connect',
    },
  ],
});
