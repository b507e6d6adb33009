// The role named in the connection does not exist on that server (a fresh
// Docker volume that skipped init, the wrong branch, a typo).
import { runbook } from '../runbooks/role_missing.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'role_missing',
    title: 'Role does not exist',
    summary: 'The server has no role with the user name the client connected (or granted) as.',
  },
  patterns: [
    {
      // The server log's DETAIL under "password authentication failed" names the real cause.
      id: 'detail-role-does-not-exist',
      kind: 'wording',
      pattern: /DETAIL:\s+Role "[^"\n]{1,128}" does not exist/,
      weight: 0.98,
      clients: ['server-log'],
      source: 'PostgreSQL src/backend/libpq/crypt.c get_role_password(): DETAIL "Role \\"%s\\" does not exist." (thedevs-network/kutt#722)',
    },
    {
      id: 'role-does-not-exist',
      kind: 'wording',
      // Straight, single and typographic quotes (pasted through chat apps and docs).
      // Unquoted when a user retypes the message (RADAR-base/RADAR-Docker#207).
      pattern: /role "[^"\n]{1,128}" does not exist|role '[^'\n]{1,128}' does not exist|role “[^”\n]{1,128}” does not exist|role « ?[^»\n]{1,128} ?» does not exist|\brole [A-Za-z_][\w$-]{0,62} does not exist/i,
      weight: 0.95,
      clients: ['any'],
      source: 'PostgreSQL src/backend/utils/init/miscinit.c InitializeSessionUserId(): role "%s" does not exist (28000; 42704 in DDL)',
    },
    {
      id: 'pgbouncer-no-such-user',
      kind: 'wording',
      pattern: /\bno such user\b/i,
      weight: 0.8,
      clients: ['pgbouncer'],
      source: 'PgBouncer src/client.c "no such user" (auth_file / auth_query miss)',
    },
    {
      id: 'localized-role-does-not-exist',
      kind: 'wording',
      pattern: /no existe el rol «[^»\n]{1,128}»|Rolle »[^«\n]{1,128}« existiert nicht|le r[ôo]le « ?[^»\n]{1,128} ?» n'existe pas|角色 "[^"\n]{1,128}" 不存在|ロール"[^"\n]{1,128}"は存在しません|роль "[^"\n]{1,128}" не существует|role "[^"\n]{1,128}" n[ãa]o existe/i,
      weight: 0.95,
      clients: ['server-log', 'libpq', 'psycopg2', 'node-postgres', 'jdbc'],
      source: 'PostgreSQL src/backend/po and src/interfaces/libpq/po translations (es, de, fr, zh_CN, ja, ru, pt_BR, ko)',
    },
  ],
  nearMisses: [
    {
      id: 'role-is-an-empty-value',
      pattern: /role "(?:None|undefined|null)" does not exist/,
      reason: 'The role name is a JavaScript/Python empty value: the settings never loaded (env_missing).',
    },
  ],
  runbook,
};
