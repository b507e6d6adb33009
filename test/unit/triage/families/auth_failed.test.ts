import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('auth_failed', {
  valid: [
    ...corpusCases('auth_failed'),
    {
      // libpq's sslmode=prefer: the TLS attempt failed the password, then the plaintext retry was refused.
      text: "ERROR:  password authentication failed for user '<user_name>' connection to server at \"ep-billowing-fun-123456.us-west-2.aws.neon.tech\" (203.0.113.89), port 5432 failed: ERROR:  connection is insecure (try using `sslmode=require`)",
      source: 'https://neon.com/docs/connect/connection-errors#password-authentication-failed-for-user',
      client: 'libpq',
      evidence: 'password authentication failed',
    },
    {
      text: "Error: SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature does not match",
      source: "brianc/node-postgres packages/pg/lib/crypto/sasl.js finalizeSession (the node-postgres twin of pgx's server-final refusal, supabase/cli#4621)",
      client: "node-postgres",
      evidence: "server signature does not match",
    },
  ],
  invalid: [
    {
      title: "the Neon proxy's plaintext refusal alone (no password was tried)",
      text: 'psql: error: connection to server at "ep-billowing-fun-123456.us-west-2.aws.neon.tech" (203.0.113.89), port 5432 failed: ERROR:  connection is insecure (try using `sslmode=require`)',
      source: 'neondatabase/neon proxy/src/pglb/mod.rs ERR_INSECURE_CONNECTION, with sslmode=disable',
      family: 'ssl_required',
    },
    {
      title: "an application's own tenant lookup (not the pooler's FATAL, batch 33)",
      text: "Volo.Abp.MultiTenancy.TenantNotFoundException: Tenant not found! There is no tenant with the tenant id or name: acme",
      source: "a multi-tenant framework's exception, near Supavisor's \"FATAL: Tenant not found\" (prisma/orm#21740)",
    },
    {
      title: "a misspelt channel_binding value (the connection string, not the server's offer; batch 33)",
      text: "psql: error: invalid channel_binding value: \"requir\"",
      source: "libpq fe-connect.c connectOptions2 (invalid %s value), near fe-auth.c's channel binding refusal (neondatabase/neon#2350)",
    },
    {
      title: "a cloud API's own expired-session advice (not Supavisor's refused pool credentials, batch 32)",
      text: "AWS STS request failed: ExpiredToken: The AWS session token has expired. Please reconnect with fresh credentials.",
      source: "an app's AWS error map (found with find_string); near Supavisor's \"Authentication credentials are invalid. Please reconnect with fresh credentials ...\" (supabase/supavisor#813)",
    },
    {
      title: "the Cloud SQL Java connector's Admin API not enabled (a project setting, not a refused account, batch 32)",
      text: "java.lang.RuntimeException: [proj:region:db] The Google Cloud SQL Admin API is not enabled for the project \"proj\". Please use the Google Developers Console to enable it: https://console.cloud.google.com/apis/api/sqladmin/overview?project=proj",
      source: "GoogleCloudPlatform/cloud-sql-jdbc-socket-factory CloudSqlInstance accessNotConfigured message, next to its \"does not exist or your account is not authorized\" (GoogleCloudPlatform/cloud-sql-jdbc-socket-factory#170)",
    },
    {
      title: "Apache's \\xNN escapes around a Spanish missing-database message (decoded, it is not a password failure, batch 26)",
      text: "PHP Warning:  pg_connect(): Unable to connect to PostgreSQL server: FATAL:  no existe la base de datos \\xc2\\xabmoodle\\xc2\\xbb in /var/www/moodle/lib/dml/pgsql_native_moodle_database.php on line 159",
      source: "PostgreSQL es.po \"no existe la base de datos «%s»\" as Apache ap_escape_logitem writes it (near XSCE/xsce#901)",
      family: "database_missing",
    },
    {
      title: "an Erlang error tuple whose atom is no SQLSTATE condition (batch 24)",
      text: "check_result({error, invalid_hostname}, _) -> io:format(\"Error: host is invalid~n\")",
      source: "an app's own {error, invalid_hostname} atom (near epgsql's {error, invalid_password}, epgsql/pgapp#18)",
    },
    {
      title: "pgx's SASL wrapper around a connection reset mid-exchange (not a refused password, batch 23)",
      text: "failed to connect to `host=db.example.com user=app database=app`: failed SASL auth (read tcp 10.0.0.2:51234->10.0.0.5:5432: read: connection reset by peer)",
      source: "jackc/pgx pgconn wraps any error during the SCRAM exchange as \"failed SASL auth (%w)\"; the inner error decides",
      family: "stale_connection",
    },
    {
      title: "an Azure SDK credential that never produced an Entra token (no login was tried, batch 23)",
      text: "DefaultAzureCredential failed to retrieve a token from the included credentials. See the troubleshooting guide for more information. https://aka.ms/azsdk/net/identity/defaultazurecredential/troubleshoot",
      source: "npgsql/efcore.pg#3264 (near Azure's AAD_AUTH_TOKENTYPE refusal, MicrosoftDocs/azure-docs#120133)",
    },
    {
      title: 'a pg_hba.conf listing "trust" (a configuration, not a refused login)',
      text: '# METHOD can be "trust", "reject", "md5", "password", "scram-sha-256"\nhost    all             all             127.0.0.1/32            trust',
      source: 'PostgreSQL pg_hba.conf.sample (Postgres.app refuses "trust" logins with its own wording)',
      family: 'unknown',
    },
    {
      title: "RDS Proxy's TLS requirement (the IAM refusal is auth_failed, this is not)",
      text: 'This RDS Proxy requires TLS connections.',
      source: 'Amazon RDS Proxy troubleshooting table, the row next to "The IAM authentication failed for the role"',
      family: 'ssl_required',
    },
    {
      title: "the client rejecting the server's certificate (not the server rejecting the client's)",
      text: "psql: error: connection to server at \"db.example.com\" (10.0.0.5), port 5432 failed: SSL error: certificate verify failed",
      source: "libpq fe-secure-openssl.c with OpenSSL \"certificate verify failed\"",
      family: 'ssl_verify_failed',
    },
    {
      title: "Keycloak's own user_not_found login event (an app user, not a database login)",
      text: "WARN  [org.keycloak.events] (executor-thread-1) type=\"LOGIN_ERROR\", realmId=\"x\", clientId=\"app\", userId=\"null\", error=\"user_not_found\", username=\"bob\"",
      source: "keycloak/keycloak org.keycloak.events.Errors.USER_NOT_FOUND = \"user_not_found\"",
    },
    {
      title: 'a server certificate that does not match the host (the client refused the server, not the server the client)',
      text: 'psql: error: connection to server at "db.example.com" (10.0.0.5), port 5432 failed: server certificate for "other.example.com" does not match host name "db.example.com"',
      source: 'libpq fe-secure-common.c pq_verify_peer_name_matches_certificate (client-certificate wording from grafana/grafana#19574)',
      family: 'ssl_verify_failed',
    },
    {
      title: 'a client password that is not a string (the settings never loaded)',
      text: 'Error: SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string',
      source: 'brianc/node-postgres#3210',
      family: 'env_missing',
    },
    {
      title: 'a user name that is a JavaScript undefined',
      text: 'error: password authentication failed for user "undefined"',
      source: 'PostgreSQL auth.c wording with the user name node-postgres sends when config.user is undefined',
      family: 'env_missing',
    },
    {
      title: 'a unique violation whose SQL lists a password column',
      text: 'SQLSTATE[23505]: Unique violation: 7 ERROR: duplicate key value violates unique constraint "users_pkey" (SQL: insert into "users" ("username", "password") values (admin, REDACTED))',
      source: 'linuxserver/Heimdall#429',
      family: 'unknown',
    },
    {
      title: 'a pg_hba.conf rejection of an unencrypted connection',
      text: 'pq: no pg_hba.conf entry for host "10.0.0.5", user "app", database "app", no encryption',
      source: 'PostgreSQL 14+ auth.c wording (t8y2/dbx#4311)',
      family: 'ssl_required',
    },
    {
      title: "a Pgpool-II configuration naming pool_passwd without any failed login",
      text: "pool_passwd = 'pool_passwd'\nenable_pool_hba = on\nallow_clear_text_frontend_auth = off",
      source: "pgpool/pgpool2 pgpool.conf.sample: the setting's name is not the pooler's refusal",
    },
    {
      title: "a PAM failure of the operating system's su, not of a PostgreSQL login",
      text: 'su: pam_authenticate: Authentication failure',
      source: "util-linux su: pam_strerror after pam_authenticate; PostgreSQL's auth.c writes \"pam_authenticate failed: %s\"",
      family: 'unknown',
    },
  ],
});
