import type { FindingRule } from './types.ts';

// SQLAlchemy wants postgresql+driver:// and, since 1.4, refuses postgres://;
// libpq and node-postgres want plain postgresql:// or postgres://.
export const rule: FindingRule = {
  meta: { id: 'sqlalchemy_url', severity: 'info', description: 'A SQLAlchemy URL, or a postgres:// URL SQLAlchemy refuses.' },
  check(ctx) {
    const u = ctx.unwrapped;
    if (u.steps.includes('sqlalchemy')) {
      const asyncpg = u.sqlalchemyDriver === 'asyncpg';
      return [
        {
          severity: 'info',
          message: `A SQLAlchemy URL (dialect postgresql+${u.sqlalchemyDriver}): SQLAlchemy needs the +driver part, libpq and node-postgres need plain postgresql://.${asyncpg ? ' asyncpg does not accept sslmode: with postgresql+asyncpg use ssl=require, which libpq in turn rejects.' : ''}`,
          fix: `For libpq / node-postgres: ${ctx.safeMeant}`,
        },
      ];
    }
    if (u.form === 'uri' && ctx.safeMeant.startsWith('postgres://')) {
      return [{ severity: 'info', message: 'postgres:// works for libpq and node-postgres, but SQLAlchemy 1.4+ rejects it ("Can\'t load plugin: sqlalchemy.dialects:postgres").', fix: `For SQLAlchemy use postgresql:// (or postgresql+psycopg://): ${ctx.safeMeant.replace(/^postgres:\/\//, 'postgresql://')}` }];
    }
    return [];
  },
};
