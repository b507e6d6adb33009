// The server (or the pooler in front of it) has no free connection slots
// (lesson row 5): max_connections, a role's CONNECTION LIMIT, or a pooler cap.
import { runbook } from '../runbooks/too_many_connections.ts';
import type { FamilyModule } from '../family.ts';
import { sqlstate } from '../sqlstate.ts';

export const family: FamilyModule = {
  meta: {
    id: 'too_many_connections',
    title: 'Too many connections',
    summary: 'The server or its pooler refused a new connection because every slot is taken.',
  },
  patterns: [
    sqlstate('53300', 1, 'too_many_connections'),
    {
      id: 'too-many-connections-class',
      kind: 'client-code',
      pattern: /\bTooManyConnections(?:Error)?\b|PG::TooManyConnections/,
      weight: 0.98,
      clients: ['asyncpg', 'psycopg3', 'ruby-pg'],
      source: 'asyncpg TooManyConnectionsError; psycopg.errors.TooManyConnections; ruby-pg PG::TooManyConnections (53300)',
    },
    {
      id: 'prisma-P2037',
      kind: 'client-code',
      pattern: /\bP2037\b/,
      weight: 0.95,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p2037 (Too many database connections opened)',
    },
    {
      id: 'too-many-clients',
      kind: 'wording',
      pattern: /sorry,\s{1,8}too\s{1,8}many\s{1,8}clients\s{1,8}already|too\s{1,8}many\s{1,8}clients\b/i,
      weight: 0.98,
      clients: ['any'],
      source: 'PostgreSQL src/backend/storage/lmgr/proc.c InitProcess(): "sorry, too many clients already"',
    },
    {
      // PG16 changed the wording: "reserved for roles with the SUPERUSER attribute" / "... pg_use_reserved_connections".
      // Every version's message reads "remaining connection slots are reserved for ...". A log formatter that cuts
      // long reprs may stop inside "reserved" (authentik's structlog locals: "remaining connection slots are rese\"+48"),
      // and a console may wrap inside "remaining" (read without it then): any prefix of "reserved" that ends the word is read.
      id: 'reserved-slots',
      kind: 'wording',
      pattern: /(?:remaining\s{1,8})?connection\s{1,8}slots\s{1,8}are\s{1,8}r(?:e(?:s(?:e(?:r(?:v(?:e(?:d)?)?)?)?)?)?)?\b/i,
      weight: 0.98,
      clients: ['any'],
      source: 'PostgreSQL src/backend/utils/init/postinit.c InitPostgres() (13-15: non-replication superuser; 16+: SUPERUSER attribute)',
    },
    {
      id: 'too-many-for-role-or-database',
      kind: 'wording',
      pattern: /too many connections for (?:role|database)/i,
      weight: 0.98,
      clients: ['any'],
      source: 'PostgreSQL src/backend/utils/init/postinit.c (CONNECTION LIMIT; Aiven-Open/pghoard#174)',
    },
    {
      id: 'pooler-client-limit',
      kind: 'wording',
      pattern: /Max client connections reached|no more connections allowed|max_client_conn/i,
      weight: 0.95,
      clients: ['supavisor', 'pgbouncer'],
      source: 'Supabase Supavisor "Max client connections reached" (supabase/supabase#21166); PgBouncer "no more connections allowed (max_client_conn)"',
    },
    {
      id: 'too-many-connections',
      kind: 'wording',
      pattern: /too many (?:database )?connection(?:s| attempts)|connection limit exceeded for non-superusers/i,
      weight: 0.88,
      clients: ['any'],
      source: 'generic server and proxy wording (Neon proxy "Too many database connection attempts are currently ongoing", Prisma P2037 text, PostgreSQL < 9.6)',
    },
    {
      id: 'localized-too-many-clients',
      kind: 'wording',
      pattern: /ya tenemos demasiados clientes|schon zu viele Verbindungen|trop de clients sont d[ée]j[àa] connect[ée]s|已经有太多的客户|уже слишком много клиентов|muitos clientes conectados|クライアント数が多すぎます/i,
      weight: 0.95,
      clients: ['server-log', 'libpq', 'psycopg2', 'node-postgres', 'jdbc'],
      source: 'PostgreSQL src/backend/po and src/interfaces/libpq/po translations (es, de, fr, zh_CN, ja, ru, pt_BR, ko): "sorry, too many clients already"',
    },
  ],
  runbook,
};
