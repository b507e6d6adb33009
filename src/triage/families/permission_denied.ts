// The role lacks a privilege: PG15 revoked CREATE on schema public from
// PUBLIC, a migration role that does not own the objects, no CREATEDB.
import { runbook } from '../runbooks/permission_denied.ts';
import type { FamilyModule } from '../family.ts';
import { sqlstate } from '../sqlstate.ts';

export const family: FamilyModule = {
  meta: {
    id: 'permission_denied',
    title: 'Permission denied',
    summary: 'The role is connected but lacks the privilege (or ownership) the statement needs.',
  },
  patterns: [
    sqlstate('42501', 0.97, 'insufficient_privilege'),
    {
      id: 'prisma-P1010',
      kind: 'client-code',
      pattern: /\bP1010\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1010',
    },
    {
      id: 'insufficient-privilege-class',
      kind: 'client-code',
      pattern: /\bInsufficientPrivilege(?:Error)?\b|PG::InsufficientPrivilege/,
      weight: 0.97,
      clients: ['asyncpg', 'psycopg2', 'psycopg3', 'ruby-pg'],
      source: 'psycopg2.errors.InsufficientPrivilege; asyncpg InsufficientPrivilegeError; PG::InsufficientPrivilege (42501)',
    },
    {
      id: 'permission-denied-for',
      kind: 'wording',
      pattern: /permission denied (?:for|to)\b|permission denied (?:in|on) (?:the )?(?:schema|table|relation|database|sequence|function|view)\b/i,
      weight: 0.95,
      clients: ['any'],
      source: 'PostgreSQL src/backend/catalog/aclchk.c aclcheck_error(): "permission denied for table %s" (prisma/orm#4643); "permission denied to create database"',
    },
    {
      id: 'must-be-owner',
      kind: 'wording',
      pattern: /must be owner of|must be superuser|must be a member of role|User does not have CONNECT privilege/i,
      weight: 0.95,
      clients: ['any'],
      source: 'PostgreSQL aclchk.c "must be owner of table %s" (supabase/cli#287); postinit.c CONNECT privilege DETAIL',
    },
    {
      id: 'prisma-denied-access',
      kind: 'wording',
      pattern: /was denied access on the database|could not create the shadow database/i,
      weight: 0.92,
      clients: ['prisma'],
      source: 'Prisma P1010 message; P3014 shadow database (needs CREATEDB)',
    },
    {
      id: 'localized-permission-denied',
      kind: 'wording',
      pattern: /permiso denegado (?:al|a la|a el|para la|para el) (?:tabla|relaci[óo]n|secuencia|esquema|funci[óo]n|procedimiento|base de datos|vista)|keine Berechtigung f(?:ü|ue)r|droit refus[ée] pour|权限不够|нет доступа к (?:таблице|схеме|отношению|последовательности)|permiss[ãa]o negada para/i,
      weight: 0.93,
      clients: ['server-log', 'libpq', 'psycopg2', 'node-postgres', 'jdbc'],
      source: 'PostgreSQL src/backend/po and src/interfaces/libpq/po translations (es, de, fr, zh_CN, ja, ru, pt_BR, ko): "permission denied for table %s"; es "permiso denegado al esquema public" / "a la tabla" as pasted in Spanish READMEs and migration notes',
    },
  ],
  runbook,
};
