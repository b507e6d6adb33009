import { readIntendedUri } from '../intended-uri.ts';
import type { Finding, FindingRule } from './types.ts';

// The input is not the connection string itself but something holding it:
// a .env line, a JDBC or SQLAlchemy URL, a psql command. Say what each tool
// needs instead.
export const rule: FindingRule = {
  meta: { id: 'wrapper_form', severity: 'info', description: 'The paste wraps the connection string (env line, JDBC, SQLAlchemy, command).' },
  check(ctx) {
    const u = ctx.unwrapped;
    const out: Finding[] = [];
    const literalFails = !ctx.literal.ok;
    if (u.steps.includes('env_line')) {
      out.push({
        id: 'env_line',
        severity: 'info',
        message: `This is a .env line: ${u.variable} holds the connection string. libpq given the whole line ${literalFails ? 'rejects it' : 'misreads it'}; the audit below is of the value.`,
        fix: `Set ${u.variable} to the bare value (no quotes, no spaces around =) and load it with dotenv / your platform's secret store: ${ctx.safeMeant}`,
      });
    }
    if (u.steps.includes('shell_command')) {
      out.push({ id: 'shell_command', severity: 'info', message: `A ${u.command} command line; the audit is of its connection-string argument.`, fix: `Quote the string in the shell (single quotes keep $ and & literal): ${u.command} '${ctx.safeMeant}'` });
    }
    if (u.steps.includes('jdbc')) {
      const userinfo = readIntendedUri(u.meant)?.user !== '' && /^postgresql:\/\/[^/?]*@/.test(u.meant);
      out.push({
        id: 'jdbc_url',
        severity: userinfo ? 'warn' : 'info',
        message: `A JDBC URL: only pgjdbc reads jdbc:postgresql://; libpq and node-postgres need the same URL without "jdbc:" (user and password may stay as ?user=&password= parameters).${userinfo ? ' pgjdbc does not take user:password@ in the URL: pass user and password as parameters or properties.' : ''}`,
        fix: `For libpq / node-postgres: ${ctx.safeMeant}`,
      });
    }
    if (u.steps.includes('sqlalchemy')) {
      const asyncpg = u.sqlalchemyDriver === 'asyncpg';
      out.push({
        id: 'sqlalchemy_url',
        severity: 'info',
        message: `A SQLAlchemy URL (dialect postgresql+${u.sqlalchemyDriver}): SQLAlchemy needs the +driver part, libpq and node-postgres need plain postgresql://.${asyncpg ? ' asyncpg does not accept sslmode: with postgresql+asyncpg use ssl=require, which libpq in turn rejects.' : ''}`,
        fix: `For libpq / node-postgres: ${ctx.safeMeant}`,
      });
    } else if (u.form === 'uri' && ctx.safeMeant.startsWith('postgres://')) {
      out.push({ id: 'sqlalchemy_url', severity: 'info', message: 'postgres:// works for libpq and node-postgres, but SQLAlchemy 1.4+ rejects it ("Can\'t load plugin: sqlalchemy.dialects:postgres").', fix: `For SQLAlchemy use postgresql:// (or postgresql+psycopg://): ${ctx.safeMeant.replace(/^postgres:\/\//, 'postgresql://')}` });
    }
    if (u.steps.includes('scheme_case')) {
      out.push({ id: 'scheme_unrecognised', severity: 'error', message: 'libpq recognises only postgresql:// and postgres:// in lower case; any other spelling is read as a keyword/value string and fails.', fix: `Write the scheme in lower case: ${ctx.safeMeant}` });
    }
    if (u.foreignScheme !== undefined) {
      out.push({ id: 'scheme_unrecognised', severity: 'error', message: `"${ctx.safe(u.foreignScheme)}" is not a PostgreSQL URI prefix: libpq needs exactly postgresql:// or postgres:// (two slashes), otherwise it reads a keyword/value string.`, fix: 'Start the string with postgresql://' });
    }
    return out;
  },
};
