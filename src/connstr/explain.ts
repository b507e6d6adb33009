// The six parts of a connection string, what each controls when the app
// connects and what breaks when it is wrong (the lesson's first prompt).
import type { ConnstrParts } from './parts.ts';
import type { Unwrapped } from './unwrap.ts';

export type PartName = 'driver' | 'user' | 'password' | 'host' | 'database' | 'parameters';

export interface PartExplanation {
  readonly part: PartName;
  /** What this string says, secrets shown only as present/absent. */
  readonly value: string;
  readonly controls: string;
  readonly whenWrong: string;
}

const TEXT: Record<PartName, { controls: string; whenWrong: string }> = {
  driver: {
    controls: 'Which client library reads the string and speaks the protocol (libpq for psql/psycopg, node-postgres, JDBC, a SQLAlchemy dialect); the scheme tells the tool which one.',
    whenWrong: 'The tool refuses the string (SQLAlchemy: "Can\'t load plugin: sqlalchemy.dialects:postgres"; libpq: "missing \\"=\\" after ..." for an unknown prefix) or imports a driver that is not installed ("No module named psycopg2").',
  },
  user: {
    controls: 'The database role the session runs as: its password check, its privileges, and the default database name when none is given.',
    whenWrong: 'password authentication failed for user "..." (28P01), role "..." does not exist, or permission denied on tables owned by another role.',
  },
  password: {
    controls: 'The secret checked by SCRAM/md5 authentication; libpq can also take it from PGPASSWORD or ~/.pgpass when the string has none.',
    whenWrong: 'password authentication failed (28P01); with special characters not percent-encoded the rest of the string is misread (host, port or database change).',
  },
  host: {
    controls: 'Where the client opens the TCP connection (or which Unix-socket directory), with the port; for Neon the host also names the endpoint (SNI) and chooses direct vs pooled (-pooler).',
    whenWrong: 'could not translate host name / getaddrinfo ENOTFOUND, connection refused (often localhost inside a container), timeouts, or Neon\'s "Endpoint ID is not specified".',
  },
  database: {
    controls: 'Which database inside the server the session opens; without one, libpq uses the user name.',
    whenWrong: 'database "..." does not exist (3D000), or relation "..." does not exist because the app opened a different, empty database.',
  },
  parameters: {
    controls: 'Connection options: TLS (sslmode, channel_binding), timeouts, application_name, startup options (options=-c ..., endpoint=...), multi-host behaviour.',
    whenWrong: 'TLS refused or unverified (sslmode), an unknown parameter rejects the whole string in libpq ("invalid URI query parameter"), or the option is silently ignored by another driver.',
  },
};

function hostsText(parts: ConnstrParts): string {
  return parts.hosts
    .map((h) => `${h.host ?? (h.hostaddr !== undefined ? '' : '(default Unix socket)')}${h.hostaddr !== undefined ? ` [hostaddr ${h.hostaddr}]` : ''}:${h.port ?? '5432'}`)
    .join(', ');
}

function driverText(unwrapped: Unwrapped, parts: ConnstrParts | undefined): string {
  if (unwrapped.steps.includes('jdbc')) return 'JDBC (jdbc:postgresql://): pgjdbc, not libpq';
  if (unwrapped.sqlalchemyDriver !== undefined) return `SQLAlchemy dialect postgresql+${unwrapped.sqlalchemyDriver}`;
  if (parts?.scheme != null) return `${parts.scheme}:// URI (libpq, node-postgres and most drivers)`;
  return 'keyword/value string (libpq and its wrappers: psql, psycopg; not node-postgres)';
}

export function explainParts(unwrapped: Unwrapped, parts: ConnstrParts): PartExplanation[] {
  const paramText = Object.entries(parts.params).map(([k, v]) => `${k}=${v}`).join(' ');
  const values: Record<PartName, string> = {
    driver: driverText(unwrapped, parts),
    user: parts.user ?? '(none: libpq uses the operating-system user name)',
    password: parts.password.present ? `present (in the ${parts.password.where})` : 'absent',
    host: hostsText(parts),
    database: parts.dbname ?? `(none: libpq uses the user name${parts.user !== null ? ` "${parts.user}"` : ''})`,
    parameters: paramText === '' ? '(none)' : paramText,
  };
  return (Object.keys(TEXT) as PartName[]).map((part) => ({ part, value: values[part], ...TEXT[part] }));
}
