// The server refused a connection that did not use TLS (Neon, Azure, RDS with
// rds.force_ssl, pg_hba.conf hostssl lines).
import { runbook } from '../runbooks/ssl_required.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'ssl_required',
    title: 'TLS required by the server',
    summary: 'The server (or its proxy) only accepts encrypted connections and the client connected without TLS.',
  },
  patterns: [
    {
      // Translated servers put the connection's encryption before the file name: zh_CN
      // `没有用于主机 "h", 用户 "u", 数据库 "d", no encryption 的 pg_hba.conf 记录` (older: `SSL 关闭`),
      // which survives even when the Chinese around it is mis-decoded (t8y2/dbx#6770).
      id: 'pg-hba-localized-no-encryption',
      kind: 'wording',
      pattern: /(?:\bno encryption|SSL 关闭)[^\n"]{0,12}pg_hba\.conf\b/i,
      weight: 0.92,
      clients: ['any'],
      source: 'PostgreSQL src/backend/po/zh_CN.po msgstr of "no pg_hba.conf entry for host ..., %s" (as printed: "SSL 关闭 的 pg_hba.conf 记录", "no encryption 的 pg_hba.conf 记录")',
    },
    {
      id: 'neon-connection-insecure',
      kind: 'wording',
      pattern: /connection is insecure \(try using `?sslmode=require`?\)/i,
      weight: 0.98,
      clients: ['neon-proxy'],
      source: 'Neon proxy (neon.tech/docs/connect/connection-errors; antares-sql/antares#668)',
    },
    {
      // Amazon RDS Proxy with "Require Transport Layer Security" refuses a plaintext client.
      id: 'rds-proxy-requires-tls',
      kind: 'wording',
      pattern: /This RDS Proxy requires TLS connections/i,
      weight: 0.95,
      clients: ['gui', 'node-postgres', 'libpq'],
      source: 'Amazon RDS Proxy troubleshooting table (require_tls); cweijan/vscode-database-client#808, through an SSH tunnel',
    },
    {
      id: 'pg-hba-no-encryption',
      kind: 'wording',
      // \s+ between words: GUI dialogs (HeidiSQL, pgAdmin) wrap the line narrowly (HeidiSQL/HeidiSQL#2067); users and JDBC wrappers retype pg_hba.conf as pg_hba.config (zalando/postgres-operator#964).
      pattern: /(?:no\s+pg_hba\.conf(?:ig)?\s+entry|pg_hba\.conf(?:ig)?\s+rejects\s+connection)\s+for\s+host\b[^]{0,300}?(?:SSL\s+off|no\s+encryption)/i,
      weight: 0.95,
      clients: ['any'],
      source: 'PostgreSQL auth.c: no pg_hba.conf entry for host "%s", user "%s", database "%s", SSL off (13) / no encryption (14+); PG 15+ "pg_hba.conf rejects connection for host ..., no encryption" from a hostnossl reject line (t8y2/dbx#3928)',
    },
    {
      // An explicit `hostnossl ... reject` line words it differently from a missing entry.
      id: 'pg-hba-rejects-no-encryption',
      kind: 'wording',
      pattern: /pg_hba\.conf(?:ig)?\s+rejects\s+connection\s+for\s+host\b[^]{0,300}?(?:SSL\s+off|no\s+encryption)/i,
      weight: 0.95,
      clients: ['any'],
      source: 'PostgreSQL auth.c: pg_hba.conf rejects connection for host "%s", user "%s", database "%s", no encryption (reproduced live, test/integration/triage/more-errors.test.ts)',
    },
    {
      // Without its suffix the line is ambiguous; hosted servers (Heroku, RDS, Neon) mostly mean TLS.
      id: 'pg-hba-entry',
      kind: 'wording',
      pattern: /no\s+pg_hba\.conf(?:ig)?\s+entry\s+for\s+host\b/i,
      weight: 0.7,
      clients: ['any'],
      source: 'PostgreSQL auth.c ClientAuthentication() (Borvik/vscode-postgres#54: Heroku, fixed by enabling SSL)',
      alternatives: [{ family: 'auth_failed', weight: 0.45 }],
    },
    {
      id: 'ssl-required',
      kind: 'wording',
      pattern: /SSL connection is required|SSL\/TLS required|\bSSL (?:is )?required\b|requires (?:an )?(?:SSL|encrypted) connection/i,
      weight: 0.9,
      clients: ['libpq', 'psycopg2', 'node-postgres', 'jdbc'],
      source: 'Azure Database for PostgreSQL "SSL connection is required. Please specify SSL options and retry." (Azure/azure-cli-extensions#3390)',
    },
  ],
  nearMisses: [
    {
      id: 'client-demanded-ssl',
      pattern: /server does not support SSL, but SSL was required/i,
      reason: 'libpq says this when the client demanded TLS from a server without it (ssl_unsupported).',
    },
    {
      // libpq with sslmode=prefer (its default) retries without TLS after any error on the TLS attempt; a server that
      // refuses plaintext then adds "connection is insecure" after the real error, here a rejected password.
      id: 'prefer-retry-after-password',
      pattern: /password authentication failed for user [\s\S]{0,300}?connection is insecure \(try using/i,
      reason: 'the TLS attempt already reached the password check and failed there (auth_failed); the insecure line is the plaintext retry of PostgreSQL src/interfaces/libpq/fe-connect.c PQconnectPoll, as neon.com/docs/connect/connection-errors shows it',
    },
  ],
  runbook,
};
