// What was pasted versus the connection string inside it. Users paste whole
// `.env` lines, quoted values, JDBC and SQLAlchemy URLs, psql command lines;
// libpq reads each of those literally (and mostly rejects it). The audit
// reports libpq's literal verdict and also audits the string they meant.
import { isKnownKeyword } from './libpq-options.ts';
import { uriPrefixLength } from './parse-uri.ts';

export type InputForm =
  | 'uri'
  | 'keyword_value'
  | 'env_line'
  | 'quoted'
  | 'jdbc'
  | 'sqlalchemy'
  | 'shell_command'
  | 'other_scheme'
  | 'empty';

export type UnwrapStep =
  | 'surrounding_whitespace'
  | 'env_line'
  | 'quotes'
  | 'shell_command'
  | 'jdbc'
  | 'sqlalchemy'
  | 'scheme_case';

export interface Unwrapped {
  /** What the whole input is, judged by its outermost wrapper. */
  readonly form: InputForm;
  /** The connection string the user most likely meant (may equal the input). */
  readonly meant: string;
  readonly steps: readonly UnwrapStep[];
  readonly variable?: string;
  /** SQLAlchemy driver after `+` (psycopg2, psycopg, asyncpg, pg8000...). */
  readonly sqlalchemyDriver?: string;
  readonly command?: string;
  /** A scheme libpq does not know (`mysql`, `pgsql`, `postgresql:/`). */
  readonly foreignScheme?: string;
}

const ENV_LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([\s\S]*)$/;
const SHELL = /^(psql|pg_dump|pg_dumpall|pg_restore|pgcli|pg_isready)\s+(\S[\s\S]*)$/;
const SQLALCHEMY = /^(postgresql|postgres)\+([A-Za-z0-9_]+):\/\//;
const JDBC = /^jdbc:postgresql:\/\//i;
const ANY_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/{0,2}/;

function looksLikeConnectionString(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.:-]*:\/\//.test(text) || /^[a-z_]+\s*=/.test(text);
}

function unquote(text: string): string | undefined {
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.endsWith(text[0] as string)) return text.slice(1, -1);
  return undefined;
}

export function unwrap(input: string): Unwrapped {
  const steps: UnwrapStep[] = [];
  let text = input;
  let form: InputForm | undefined;
  const extra: { variable?: string; sqlalchemyDriver?: string; command?: string; foreignScheme?: string } = {};
  const trimmed = text.trim();
  if (trimmed !== text) {
    steps.push('surrounding_whitespace');
    text = trimmed;
  }
  if (text === '') return { form: 'empty', meant: '', steps };

  const env = ENV_LINE.exec(text);
  if (env !== null && !isKnownKeyword(env[1] as string, 99) && looksLikeConnectionString(unquote((env[2] as string).trim()) ?? (env[2] as string).trim())) {
    form = 'env_line';
    extra.variable = env[1] as string;
    steps.push('env_line');
    text = (env[2] as string).trim();
  }
  const shell = SHELL.exec(text);
  if (shell !== null) {
    const arg = (shell[2] as string).trim();
    const inner = unquote(arg) ?? arg;
    if (looksLikeConnectionString(inner) && (unquote(arg) !== undefined || !/\s/.test(arg))) {
      form ??= 'shell_command';
      extra.command = shell[1] as string;
      steps.push('shell_command');
      text = arg;
    }
  }
  const unquoted = unquote(text);
  if (unquoted !== undefined) {
    form ??= 'quoted';
    steps.push('quotes');
    text = unquoted.trim();
  }
  if (JDBC.test(text)) {
    form ??= 'jdbc';
    steps.push('jdbc');
    text = `postgresql://${text.slice('jdbc:postgresql://'.length)}`;
  }
  const sqlalchemy = SQLALCHEMY.exec(text);
  if (sqlalchemy !== null) {
    form ??= 'sqlalchemy';
    extra.sqlalchemyDriver = sqlalchemy[2] as string;
    steps.push('sqlalchemy');
    text = `postgresql://${text.slice(sqlalchemy[0].length)}`;
  }
  if (uriPrefixLength(text) === 0) {
    const scheme = ANY_SCHEME.exec(text);
    const name = scheme?.[1]?.toLowerCase();
    if (scheme !== null && (name === 'postgresql' || name === 'postgres') && scheme[0].endsWith('//')) {
      steps.push('scheme_case');
      text = `${name}://${text.slice(scheme[0].length)}`;
    } else if (scheme !== null && (scheme[0].includes(':/') || name === 'postgresql' || name === 'postgres') && !isKnownKeyword(scheme[1] as string, 99)) {
      form ??= 'other_scheme';
      extra.foreignScheme = scheme[0];
    } else if (/^postgres(?:ql)?\/\//i.test(text)) {
      // "postgresql//host": the colon is missing.
      form ??= 'other_scheme';
      extra.foreignScheme = text.slice(0, text.indexOf('//') + 2);
    }
  }
  form ??= uriPrefixLength(text) > 0 ? 'uri' : 'keyword_value';
  return { form, meant: text, steps, ...extra };
}
