// The server rejected the credentials (lesson row 1).
import { runbook } from '../runbooks/auth_failed.ts';
import type { FamilyModule } from '../family.ts';
import { sqlstate } from '../sqlstate.ts';

export const family: FamilyModule = {
  meta: {
    id: 'auth_failed',
    title: 'Authentication failed',
    summary: 'The server rejected the user name and password (or the authentication method) the client offered.',
  },
  patterns: [
    {
      // Postgres.app asks the user before letting an app use "trust" auth; a refused or unseen dialog fails the login.
      id: 'postgres-app-permission',
      kind: 'wording',
      pattern: /Postgres\.app failed to verify "trust" authentication|is not allowed to connect without a password because/,
      weight: 0.92,
      clients: ['server-log', 'any'],
      source: 'Postgres.app per-app permission check (postgresapp.com/l/app-permissions/; PostgresApp/PostgresApp#749)',
    },
    {
      // RDS Proxy (and RDS itself) refusing an IAM auth token.
      id: 'rds-iam-authentication-failed',
      kind: 'wording',
      pattern: /IAM authentication failed for the (?:role|user)\b/i,
      weight: 0.92,
      clients: ['any'],
      source: 'Amazon RDS Proxy troubleshooting: "The IAM authentication failed for the role role_name. Check the IAM token for this role and try again." (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.troubleshooting.html; duckdb/duckdb-postgres#576)',
    },
    {
      // The server's SCRAM final message did not verify. A pooler that checks the password itself (Supavisor) answers a
      // wrong one with "e=Wrong password" where PostgreSQL would send 28P01, and each client words the refusal its own way.
      id: 'scram-server-final-rejected',
      kind: 'wording',
      pattern: /invalid SCRAM server-final-message received from server|invalid SCRAM ServerSignature received from server|\bSASL_SIGNATURE_MISMATCH\b|The server did not return the correct signature|SCRAM-SERVER-FINAL-MESSAGE: server signature does not match|\bincorrect server signature\b/,
      weight: 0.85,
      clients: ['pgx', 'postgres-js', 'bun-sql', 'node-postgres', 'libpq'],
      source: 'jackc/pgx pgconn/auth_scram.go (server-final without "v="); porsager/postgres src/connection.js SASLFinal "SASL_SIGNATURE_MISMATCH"; Bun ERR_POSTGRES_SASL_SIGNATURE_MISMATCH; brianc/node-postgres packages/pg/lib/crypto/sasl.js; libpq fe-auth-scram.c "incorrect server signature" (supabase/cli#4621, dbcodeio/public#225)',
    },
    {
      // Azure Database for PostgreSQL flexible server refusing a Microsoft Entra token of the wrong kind for the role
      // (a service principal's token for a user role, or the reverse).
      id: 'azure-entra-token-type',
      kind: 'wording',
      pattern: /\bAAD_AUTH_TOKENTYPE_APP_(?:USER|OBO)\b/,
      weight: 0.85,
      clients: ['any'],
      source: 'Azure Database for PostgreSQL flexible server Entra ID authentication: "Service Principals cannot generate AAD_AUTH_TOKENTYPE_APP_USER tokens for role ..." / "... is neither an AAD_AUTH_TOKENTYPE_APP_USER or an AAD_AUTH_TOKENTYPE_APP_OBO token" (MicrosoftDocs/azure-docs#120133)',
    },
    {
      // The retired Azure single server's gateway refused a user name not in user@servername form, before any login.
      id: 'azure-single-server-username-format',
      kind: 'wording',
      pattern: /Invalid Username specified\. Please check the Username and retry connection/,
      weight: 0.85,
      clients: ['any'],
      source: 'Azure Database for PostgreSQL single server gateway: "The Username should be in <username@hostname> format." (toluaina/pgsync#224)',
      alternatives: [{ family: 'url_malformed', weight: 0.4 }],
    },
    {
      // Rails 7.1+ turns a libpq password failure into this wording.
      id: 'rails-username-error',
      kind: 'wording',
      pattern: /There is an issue connecting to your database with your username\/password/,
      weight: 0.9,
      clients: ['rails'],
      source: 'rails/rails activerecord/lib/active_record/errors.rb DatabaseConnectionError.username_error (rails/rails#39723)',
    },
    {
      // Supavisor's own log when the user name carries no (or an unknown) tenant: the login is refused.
      id: 'supavisor-user-not-found',
      kind: 'wording',
      pattern: /ClientHandler: User not found|:user_not_found\b/,
      weight: 0.75,
      clients: ['supavisor'],
      source: 'supabase/supavisor lib/supavisor/client_handler.ex "User not found" / {:shutdown, :user_not_found} (supabase/cli#2440)',
    },
    {
      // pg_hba `cert` (or clientcert=verify-full): the client certificate is the credential the server refused.
      id: 'client-certificate-required',
      kind: 'wording',
      pattern: /connection requires a valid client certificate|No X\.?509 certificate for client authentication|\binvalid client certificate\b/i,
      weight: 0.9,
      clients: ['any'],
      source: 'PostgreSQL src/backend/libpq/auth.c ClientAuthentication() 28000 (grafana/grafana#19574); the TLS side of the same refusal as JSSE and DBeaver word it (dbeaver/dbeaver#37183, #19841)',
    },
    {
      // The proxy's own credentials (service account / IAM) were refused before any database login.
      id: 'cloud-sql-proxy-not-authorized',
      kind: 'wording',
      pattern: /ensure that the account has access to|The client is not authorized to make this request/,
      weight: 0.8,
      clients: ['any'],
      source: 'GoogleCloudPlatform/cloud-sql-proxy v1 "ensure that the account has access to ..." with googleapi 403 notAuthorized (GoogleCloudPlatform/cloud-sql-proxy#115)',
      alternatives: [{ family: 'permission_denied', weight: 0.5 }],
    },
    {
      // The Java connector's wording for the same 403 (the instance name or the account's IAM role): no database
      // login was tried.
      id: 'cloud-sql-connector-not-authorized',
      kind: 'wording',
      pattern: /The Cloud SQL Instance does not exist or your account is not authorized/,
      weight: 0.8,
      clients: ['jdbc'],
      source: 'GoogleCloudPlatform/cloud-sql-jdbc-socket-factory CloudSqlInstance: "[%s] The Cloud SQL Instance does not exist or your account is not authorized to access it. Please verify the instance connection name and check the IAM permissions for project ..." (GoogleCloudPlatform/cloud-sql-jdbc-socket-factory#170)',
      alternatives: [{ family: 'permission_denied', weight: 0.5 }],
    },
    {
      // Supavisor answers a checkout with this (28P01) while its pool waits for fresh credentials after the upstream
      // login failed, e.g. the role's password was rotated.
      id: 'supavisor-stale-credentials',
      kind: 'wording',
      pattern: /Authentication credentials are invalid\. Please reconnect with fresh credentials/,
      weight: 0.9,
      clients: ['supavisor'],
      source: 'supabase/supavisor lib/supavisor/db_handler.ex, checkout in the waiting_for_secrets state: "Authentication credentials are invalid. Please reconnect with fresh credentials to restore pool functionality." (supabase/supavisor#813)',
    },
    sqlstate('28P01', 1, 'invalid_password'),
    // 28000 also covers a missing role and a pg_hba.conf rejection: wording decides.
    sqlstate('28000', 0.45, 'invalid_authorization_specification'),
    {
      id: 'prisma-P1000',
      kind: 'client-code',
      pattern: /\bP1000\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1000',
    },
    {
      id: 'asyncpg-invalid-password',
      kind: 'client-code',
      pattern: /\bInvalidPassword(?:Error)?\b/,
      weight: 0.98,
      clients: ['asyncpg', 'psycopg3'],
      source: 'asyncpg/exceptions/__init__.py InvalidPasswordError; psycopg.errors.InvalidPassword',
    },
    {
      id: 'password-authentication-failed',
      kind: 'wording',
      pattern: /password\s+authentication\s+failed/i,
      weight: 0.95,
      clients: ['any'],
      source: 'PostgreSQL src/backend/libpq/auth.c: "password authentication failed for user \\"%s\\""; brianc/node-postgres#1511',
    },
    {
      id: 'prisma-authentication-failed',
      kind: 'wording',
      pattern: /Authentication failed against (?:the )?database server/i,
      weight: 0.95,
      clients: ['prisma'],
      source: 'Prisma P1000 message (prisma.io/docs/orm/reference/error-reference#p1000); Prisma 7 drops the host: "Authentication failed against the database server" (hoppscotch/hoppscotch#5679)',
    },
    {
      id: 'method-authentication-failed',
      kind: 'wording',
      pattern: /\b(?:Ident|Peer|LDAP|RADIUS|PAM|GSSAPI|SSPI|certificate|SASL|SCRAM)\s+authentication\s+failed/i,
      weight: 0.9,
      clients: ['libpq', 'server-log', 'neon-proxy', 'pgx'],
      source: 'PostgreSQL src/backend/libpq/auth.c auth_failed(): "%s authentication failed for user"',
    },
    {
      // The server's log line before its "PAM authentication failed" (RDS IAM logins go through PAM).
      id: 'server-pam-failed',
      kind: 'wording',
      pattern: /\bpam_(?:authenticate|acct_mgmt) failed: /,
      weight: 0.85,
      clients: ['server-log'],
      source: 'PostgreSQL src/backend/libpq/auth.c CheckPAMAuth: "pam_authenticate failed: %s", "pam_acct_mgmt failed: %s" (TablePlus/TablePlus#3492)',
    },
    {
      id: 'pgbouncer-login-failing',
      kind: 'wording',
      // PgBouncer 1.22+ quotes the failure it cached ("..., cached error: connect failed (server_login_retry)");
      // then the cached reason names the family, not this wrapper.
      pattern: /server login has been failing(?!, cached error: )|\bERROR:\s+auth failed\b/i,
      weight: 0.85,
      clients: ['pgbouncer'],
      source: 'PgBouncer src/client.c "server login has been failing, try again later (server_login_retry)", later "server login has been failing, cached error: %s (server_login_retry)" (cloudnative-pg/pgbouncer-containers#56); "auth failed"',
    },
    {
      // Pgpool-II checks an md5 or SCRAM login against its own pool_passwd file before any backend sees it; a
      // role missing there fails in the pooler, whatever the server would have said.
      id: 'pgpool-passwd-missing-entry',
      kind: 'wording',
      pattern: /pool_passwd file does not contain an entry for|\bmd5\s+authentication\s+failed\b/i,
      weight: 0.9,
      clients: ['libpq', 'lib-pq', 'psycopg2', 'jdbc'],
      source: 'pgpool/pgpool2 src/auth/pool_auth.c and auth_scram.c: errmsg "md5 authentication failed" / "SCRAM authentication failed", errdetail "pool_passwd file does not contain an entry for "%s"" (found with find_string; bitnami/charts#7920)',
    },
    {
      id: 'supavisor-tenant-not-found',
      kind: 'wording',
      pattern: /Tenant or user not found|tenant\/user \S{1,100} not found/i,
      weight: 0.75,
      clients: ['supavisor'],
      source: 'Supabase Supavisor pooler: user name without the project ref (supabase/supavisor issues)',
    },
    {
      // Supavisor's earlier wording of the same refusal, as its FATAL reached Prisma's introspection (prisma/orm#21740);
      // an application's own "Tenant not found" (a multi-tenant lookup) is not a FATAL from the server.
      id: 'supavisor-tenant-not-found-fatal',
      kind: 'wording',
      pattern: /FATAL:\s{1,4}Tenant not found\b/,
      weight: 0.75,
      clients: ['supavisor'],
      source: 'Supabase Supavisor pooler FATAL "Tenant not found" (prisma/orm#21740, through the :5432 pooler)',
    },
    {
      // libpq with channel_binding=require when the server (or a proxy in front) offers no SCRAM-SHA-256-PLUS.
      id: 'channel-binding-required',
      kind: 'wording',
      pattern: /channel binding is required, but server did not offer an authentication method that supports channel binding|channel binding required,? but not supported by server's authentication request/i,
      weight: 0.85,
      clients: ['libpq', 'psycopg2', 'psycopg3'],
      source: 'PostgreSQL src/interfaces/libpq/fe-auth.c (channel_binding=require); through the Neon proxy before it supported it (neondatabase/neon#2350)',
    },
    {
      // The client already used TLS, so pg_hba.conf rejects the host / user / database itself.
      id: 'no-pg-hba-entry-encrypted',
      kind: 'wording',
      pattern: /no pg_hba\.conf entry for host [^\n]{0,300}?(?:SSL on|SSL encryption|GSS encryption)/i,
      weight: 0.85,
      clients: ['any'],
      source: 'PostgreSQL src/backend/libpq/auth.c ClientAuthentication(): no pg_hba.conf entry for host ..., SSL on / SSL encryption',
    },
    {
      // Servers and libpq speak the OS locale; these are the msgstr of "password authentication failed for user".
      id: 'localized-password-authentication',
      kind: 'wording',
      // Every method (password, peer, ident, ...) shares the translated frame, so the frame is matched, not the method.
      pattern: /la autentificaci[óo]n [^\n]{1,24}?fall[óo]|fall[óo] para el usuario|-?Authentifizierung f(?:ü|ue)r Benutzer|authentification [^\n]{1,24}?[ée]chou[ée]e|[ée]chou[ée]e pour l'utilisateur|用户 "[^"\n]{1,64}" [^\n]{1,16}?认证失败|認証に失敗しました|не прош[её]л проверку подлинности|autentica[çc][ãa]o do tipo [^\n]{1,16}?falhou|인증을 실패했습니다/i,
      weight: 0.95,
      clients: ['server-log', 'libpq', 'psycopg2', 'node-postgres', 'jdbc'],
      source: 'PostgreSQL src/backend/po and src/interfaces/libpq/po translations (es, de, fr, zh_CN, ja, ru, pt_BR, ko) of "%s authentication failed for user"; Spanish as users retype it (IIC2143-2020-2/syllabus#157)',
    },
    {
      // A Chinese user's own words for a login failure, without the server frame. Weak, and
      // never when the thing that failed verification is a certificate (证书) or SSL.
      id: 'zh-user-authentication-failed',
      kind: 'wording',
      pattern: /(?<!证书)(?<!SSL)(?<!TLS)(?:密码|口令|身份|用户|登录)?(?:验证|认证)(?:错误|失败)/,
      weight: 0.5,
      clients: ['any'],
      source: 'user wording around an asyncpg login failure: "验证错误但用户已创建且已更改密码" (fy0/Icarus#6)',
    },
    {
      id: 'role-cannot-log-in',
      kind: 'wording',
      pattern: /role "[^"\n]{1,128}" is not (?:permitted|allowed) to log in/i,
      weight: 0.9,
      clients: ['any'],
      source: 'PostgreSQL miscinit.c InitializeSessionUserId(): role exists but has NOLOGIN (28000)',
    },
  ],
  nearMisses: [
    {
      id: 'user-name-never-loaded',
      pattern: /password\s+authentication\s+failed\s+for\s+user\s+"(?:undefined|None|null)"/i,
      reason: 'The user name is a JavaScript/Python empty value: the settings never loaded (env_missing).',
    },
  ],
  runbook,
};
