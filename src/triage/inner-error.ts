// Structure before words: the facts a wrapped error carries, read off its
// shape before any family wording is matched. Applications and frameworks wrap
// the server's or the socket's error in their own (EF Core's "transient
// failure", HikariCP's "Exception during pool initialization", SQLAlchemy's
// `(psycopg2.OperationalError)`, Laravel's QueryException, a JSON body inside
// an HTTP error). The innermost message is what the user needs fixed; a
// SQLSTATE printed in a labelled field or named by its condition is the
// server's own verdict. The classifier (classify.ts) matches the innermost
// message first and credits a structured SQLSTATE to the family that owns the
// code, so a new wrapper around a known error needs no new pattern.
//
// Works on the normalized text (colours dropped, JSON escapes undone). Every
// scan is a bounded regular expression or an indexOf: linear in the text.

/** A value read off the text, with its span in the text it was read from. */
export interface Fact {
  value: string;
  start: number;
  end: number;
}

/** The wrapper shapes this module peels off, outermost first in `InnerError.wrappers`. */
export type WrapperKind =
  | 'dotnet-inner-exception'
  | 'caused-by'
  | 'python-chain'
  | 'driver-class-prefix'
  | 'php-pdo'
  | 'json-body';

export interface InnerError {
  /** The innermost error message the wrappers hold; null when no wrapper was recognised. */
  message: Fact | null;
  /**
   * The messages of the chain, innermost first (`message` is the first): when
   * the innermost one was cut off or says nothing known, the next one out may.
   */
  layers: Fact[];
  wrappers: WrapperKind[];
  /** SQLSTATE codes printed in a structured place (a labelled field, a condition name), in text order. */
  sqlstates: Fact[];
  /** FATAL, ERROR, PANIC (upper case) of the innermost server error, when printed. */
  severity: Fact | null;
  /** The socket error by its symbolic name (ECONNREFUSED ...), also when printed as a number. */
  errno: Fact | null;
  /** The system call that failed (connect, getaddrinfo, read, write), when printed. */
  syscall: Fact | null;
  /** A client's own error code: Prisma P1001, SQLAlchemy e3q8, Node ERR_*, PHP's driver number. */
  driverCode: Fact | null;
}

/** A message segment is at most this long: a message, not a log. */
const MAX_MESSAGE = 2000;
/** How far back from a Python chain separator the first exception's message is looked for. */
const MAX_PYTHON_LOOKBACK = 4000;

/** The part of InnerError the classifier reads (classify.ts): the chain's layers and the structured SQLSTATEs. */
export type InnerStructure = Pick<InnerError, 'message' | 'layers' | 'wrappers' | 'sqlstates'> & {
  /** The innermost segment a wrapper was peeled to, where the innermost facts are looked for first. */
  segment: [number, number] | null;
};

export function innerError(text: string): InnerError {
  const { segment, ...structure } = innerStructure(text);
  // The innermost error's severity: the first inside the innermost message, else the last printed near the end.
  const severityOf = (m: RegExpExecArray): string => m[1] ?? m[2] ?? m[3] ?? '';
  const inSegment = segment === null ? [] : allOf(SEVERITY, text, severityOf, segment[0], segment[1], 1);
  const tail = allOf(SEVERITY, text, severityOf, Math.max(0, text.length - TAIL_FOR_FACTS));
  const severity = inSegment[0] ?? tail[tail.length - 1] ?? null;
  return {
    ...structure,
    severity: severity === null ? null : { ...severity, value: severity.value.toUpperCase() },
    errno: errnoOf(text, segment),
    syscall: firstOf(SYSCALL, text, (m) => m[1] ?? m[2] ?? ''),
    driverCode: firstOf(DRIVER_CODE, text, (m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? ''),
  };
}

/**
 * The wrappers peeled and the structured SQLSTATEs, without the severity,
 * errno, syscall and driver code that only innerError's other readers need:
 * each of those is a search of the text the classifier need not pay for.
 */
export function innerStructure(text: string): InnerStructure {
  const wrappers: WrapperKind[] = [];
  // 1. Exception chains: the innermost link is the last `--->` (.NET), the last
  //    `Caused by:` (Java, Kotlin, Rust anyhow, Node's `[cause]:`, Clojure's
  //    `:cause`), or the first exception of a Python chain.
  const chain = dotnetChain(text) ?? causedByChain(text) ?? pythonChain(text);
  const layers: [number, number][] = chain?.spans ?? [];
  if (chain !== null) wrappers.push(chain.kind);
  // 2. Wrappers inside one message: SQLAlchemy's and Elixir's `(Driver.Class) message`,
  //    PHP PDO's `SQLSTATE[xxxxx] [n] message`, a JSON error body.
  let segment: [number, number] | null = layers[0] ?? null;
  for (const peel of [driverClassInner, phpPdoInner, jsonBodyInner]) {
    const [from, to] = segment ?? [0, text.length];
    const inner = peel(text, from, to);
    if (inner === null) continue;
    wrappers.push(inner.kind);
    segment = inner.span;
    layers.unshift(inner.span);
  }

  const facts = layers.map(([start, end]) => fact(text, start, end)).filter((found): found is Fact => found !== null);
  const message = facts[0] ?? null;
  return { message, layers: facts, wrappers, sqlstates: structuredSqlstates(text), segment };
}

interface Chain {
  kind: WrapperKind;
  /** Innermost first. */
  spans: [number, number][];
}

/** Links of a chain are read from the innermost out, at most this many. */
const MAX_LAYERS = 8;

interface Peeled {
  kind: WrapperKind;
  span: [number, number];
}

function fact(text: string, start: number, end: number): Fact | null {
  // Trim blanks so the span is the message itself.
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { value: text.slice(start, end), start, end } : null;
}

function lineEnd(text: string, from: number, limit: number): number {
  const newline = text.indexOf('\n', from);
  return Math.min(newline === -1 ? text.length : newline, limit);
}

// .NET prints an inner exception as ` ---> Type: message` after the outer
// message, then "--- End of inner exception stack trace ---" after its frames
// (npgsql/npgsql#4716: "Unable to connect to a suitable host. Check inner
// exception for more details."; dotnet/runtime Exception.ToString()).
function dotnetChain(text: string): Chain | null {
  const spans: [number, number][] = [];
  let at = text.lastIndexOf('--->');
  let limit = text.length;
  while (at !== -1 && spans.length < MAX_LAYERS) {
    const start = at + 4;
    spans.push([start, lineEnd(text, start, Math.min(limit, start + MAX_MESSAGE))]);
    limit = at;
    at = at === 0 ? -1 : text.lastIndexOf('--->', at - 1);
  }
  return spans.length > 0 ? { kind: 'dotnet-inner-exception', spans } : null;
}

// Java/Kotlin `Caused by: Type: message` (frames follow as `\tat ...`), Rust
// anyhow's `Caused by:` followed by numbered causes (`    0: ...`), error-chain's
// `caused by: message`, Node's util.inspect `[cause]: Error: message`,
// Clojure's `#error {:cause <root cause's message> :via [...]}` (akvo/akvo-lumen#3167).
const CAUSED_BY = /\b[Cc]aused [Bb]y:[ \t]*|\[cause\]:[ \t]*|^ ?:cause /gm;
const JAVA_FRAME = /^\s+(?:at |\.\.\. \d)/;
const NUMBERED_CAUSE = /^[ \t]{1,12}\d{1,3}: /;

function causedByChain(text: string): Chain | null {
  const markers: number[] = [];
  CAUSED_BY.lastIndex = 0;
  for (let found = CAUSED_BY.exec(text); found !== null; found = CAUSED_BY.exec(text)) markers.push(found.index + found[0].length);
  if (markers.length === 0) return null;
  const spans: [number, number][] = [];
  for (const start of markers.slice(-MAX_LAYERS).reverse()) {
    const limit = Math.min(text.length, start + MAX_MESSAGE);
    if (text[start] === '\n') {
      // anyhow: the causes are listed below, innermost last.
      const numbered: [number, number][] = [];
      let lineStart = start + 1;
      while (lineStart < limit) {
        const end = lineEnd(text, lineStart, limit);
        const found = NUMBERED_CAUSE.exec(text.slice(lineStart, end));
        if (found === null) break;
        numbered.push([lineStart + found[0].length, end]);
        lineStart = end + 1;
      }
      spans.push(...numbered.reverse());
      continue;
    }
    // The message runs on until the first frame (a message may hold blank lines).
    let end = lineEnd(text, start, limit);
    while (end < limit) {
      const next = lineEnd(text, end + 1, limit);
      const line = text.slice(end + 1, next);
      if (JAVA_FRAME.test(line) || CAUSED_BY_AT_START.test(line) || CLOJURE_KEY.test(line)) break;
      end = next;
    }
    spans.push([start, end]);
  }
  return spans.length > 0 ? { kind: 'caused-by', spans: spans.slice(0, MAX_LAYERS) } : null;
}
const CLOJURE_KEY = /^\s*:[a-z]{2,10}\b/;
const CAUSED_BY_AT_START = /^\s*(?:[Cc]aused [Bb]y:|\[cause\]:)/;

// Python prints a chain cause first: the first traceback ends in the original
// exception's `Type: message`, then one of these separators, then the wrapper's
// traceback (docs.python.org/3/library/exceptions.html#exception-context).
const PYTHON_SEPARATORS = ['The above exception was the direct cause of the following exception', 'During handling of the above exception, another exception occurred'];
const PYTHON_EXCEPTION_LINE = /^(?:[A-Za-z_][\w]*\.){0,6}[A-Z]\w{0,80}: /;

function pythonChain(text: string): Chain | null {
  const at = Math.min(...PYTHON_SEPARATORS.map((separator) => text.indexOf(separator)).map((index) => (index === -1 ? Infinity : index)));
  if (!Number.isFinite(at)) return null;
  const floor = Math.max(0, at - MAX_PYTHON_LOOKBACK);
  // The exception's message starts on the last unindented `Type: ` line above
  // the separator; a frame (`  File "..."`) or source line above it ends the search.
  let cursor = at;
  while (cursor > floor) {
    const lineStart = text.lastIndexOf('\n', cursor - 1) + 1;
    const line = text.slice(lineStart, cursor);
    const found = PYTHON_EXCEPTION_LINE.exec(line);
    if (found !== null) {
      const start = lineStart + found[0].length;
      return { kind: 'python-chain', spans: [[start, Math.min(at, start + MAX_MESSAGE)]] };
    }
    if (/^ {2,}\S/.test(line) || lineStart === 0) break;
    cursor = lineStart - 1;
  }
  return null;
}

// SQLAlchemy: `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) <the
// driver's message>` then `(Background on this error at: https://sqlalche.me/e/...)`
// or `[SQL: ...]` (openstate/open-raadsinformatie#198, jabrell/pyeutl#1). Elixir
// prints a raised exception the same way: `** (Postgrex.Error) <message>`.
const SQLALCHEMY_DRIVER = /\((?:[A-Za-z_]\w{0,40}\.){1,6}[A-Z]\w{0,60}\) /g;
const SQLALCHEMY_TAIL = /\(Background on this error at:|\n\[SQL: |\n\(Background on this error/;
// DBConnection logs why a connect failed as `(pid) failed to connect: ** (Module) reason`
// (elixir-ecto/db_connection lib/db_connection/connection.ex); the `** (DBConnection.ConnectionError)
// connection not available ...` a caller raises after it is the consequence, so the logged reason is innermost.
const ELIXIR_CONNECT_FAILURE = /failed to connect: \*\* \((?:[A-Za-z_]\w{0,40}\.){1,6}[A-Z]\w{0,60}\) /g;

function driverClassInner(text: string, from: number, to: number): Peeled | null {
  const logged = lastMatch(ELIXIR_CONNECT_FAILURE, text, from, to);
  if (logged !== null) {
    // The logged reason ends with its line (the banner is one line).
    const start = logged.index + logged[0].length;
    return { kind: 'driver-class-prefix', span: [start, lineEnd(text, start, Math.min(to, start + MAX_MESSAGE))] };
  }
  const found = lastMatch(SQLALCHEMY_DRIVER, text, from, to);
  if (found === null) return null;
  const start = found.index + found[0].length;
  const rest = text.slice(start, Math.min(to, start + MAX_MESSAGE));
  const tail = SQLALCHEMY_TAIL.exec(rest);
  return { kind: 'driver-class-prefix', span: [start, start + (tail === null ? rest.length : tail.index)] };
}

// PHP PDO: `SQLSTATE[08006] [7] <libpq's message>`; Laravel appends
// ` (Connection: pgsql, SQL: ...)` (laravel/framework Illuminate/Database/QueryException.php).
const PDO = /SQLSTATE\[[0-9A-Z]{5}\](?: \[\d{1,5}\])?:? ?/g;
const LARAVEL_TAIL = / \((?:Connection: \w{1,40}, )?SQL: /;

function phpPdoInner(text: string, from: number, to: number): Peeled | null {
  const found = lastMatch(PDO, text, from, to);
  if (found === null) return null;
  const start = found.index + found[0].length;
  const limit = Math.min(to, start + MAX_MESSAGE);
  // libpq's message may span lines (one per host tried): it runs on until
  // Laravel's tail, a blank line or PHP's stack trace.
  let end = lineEnd(text, start, limit);
  while (end < limit) {
    const next = lineEnd(text, end + 1, limit);
    const line = text.slice(end + 1, next);
    if (line.trim() === '' || PHP_TRACE.test(line)) break;
    end = next;
  }
  const tail = LARAVEL_TAIL.exec(text.slice(start, end));
  if (tail !== null) end = start + tail.index;
  return end > start ? { kind: 'php-pdo', span: [start, end] } : null;
}
const PHP_TRACE = /^\s*(?:#\d{1,4} |Stack trace:|\[stacktrace\]|at \S|in \/)/;

// A structured error body inside a message: the Neon serverless driver's and
// the Neon SQL-over-HTTP endpoint's `{"message": ..., "code": "28P01", ...}`
// (neondatabase/neon proxy/src/serverless/sql_over_http.rs), a REST API's
// `{"error": ..., "code": ...}`. Only an object that also carries a code or a
// severity counts: a JSON log line is not an error body.
const JSON_MESSAGE = /"(?:message|error|msg)"\s{0,4}:\s{0,4}"/g;
const JSON_STRUCTURED = /"(?:code|severity|sqlState|sqlstate)"\s{0,4}:/;
const JSON_OBJECT_REACH = 600;

function jsonBodyInner(text: string, from: number, to: number): Peeled | null {
  let best: Peeled | null = null;
  let keys = 0;
  JSON_MESSAGE.lastIndex = from;
  for (let found = JSON_MESSAGE.exec(text); found !== null && found.index < to && keys < MAX_JSON_KEYS; found = JSON_MESSAGE.exec(text)) {
    keys++;
    const start = found.index + found[0].length;
    // The value ends at the first quote followed by `,` or `}` (inner quotes were unescaped by
    // normalize), looked for within one message's length so that unclosed values stay linear.
    const window = text.slice(start, Math.min(to, start + MAX_MESSAGE));
    const close = /"\s{0,4}[,}]/.exec(window);
    if (close === null) continue;
    const end = start + close.index;
    const objectStart = text.lastIndexOf('{', found.index);
    if (objectStart === -1 || objectStart < from || found.index - objectStart > JSON_OBJECT_REACH) continue;
    const objectText = text.slice(objectStart, Math.min(to, end + JSON_OBJECT_REACH));
    if (!JSON_STRUCTURED.test(objectText)) continue;
    best = { kind: 'json-body', span: [start, end] };
    JSON_MESSAGE.lastIndex = end;
  }
  return best;
}
/** Message keys looked at per segment: a log of thousands of JSON lines is not one error body. */
const MAX_JSON_KEYS = 64;

function lastMatch(regex: RegExp, text: string, from: number, to: number): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  regex.lastIndex = from;
  for (let found = regex.exec(text); found !== null && found.index + found[0].length <= to; found = regex.exec(text)) {
    last = found;
    if (found[0].length === 0) regex.lastIndex++;
  }
  return last;
}

// --- SQLSTATE in structured places --------------------------------------------

/**
 * SQLSTATE classes of PostgreSQL src/backend/utils/errcodes.txt: a five-character
 * value in a code field counts only when it starts with one of these, so
 * Prisma's `code: 'P1001'` or a Windows `code: 10061` never reads as one.
 */
const SQLSTATE_CLASSES = new Set(
  '00 01 02 03 08 09 0A 0B 0F 0L 0P 0Z 20 21 22 23 24 25 26 27 28 2B 2D 2F 34 38 39 3B 3D 3F 40 42 44 53 54 55 57 58 72 F0 HV P0 XX'.split(' '),
);

// A labelled code in the shapes clients print it: node-postgres `code: '28P01'`,
// a JSON body `"code":"28P01"`, lib/pq `Code:"53300"`, Npgsql `SqlState: 28P01`,
// Flyway `SQL State  : 28P01`, pgx `(SQLSTATE 53300)`, PHP `SQLSTATE[08006]`,
// tokio-postgres `SqlState(E53300)`, psycopg2 `pgcode`, Postgrex `FATAL 53300 (`,
// Npgsql/Dart `28P01: ` after the exception type or severity, Druid `errorCode 0, state 53300` (it4alla/scalog#43).
const LABELLED_SQLSTATE =
  /\b(?:sql[ _]?state|pgcode|errcode|code|state)["']?[ \t]{0,4}[:=([]?[ \t]{0,4}["'([]?E?([0-9A-Z]{5})(?![\w])|\b(?:FATAL|ERROR|PANIC|fatal|error)[: \t]{1,3}([0-9A-Z]{5})(?=:? )|\(0x[0-9A-Fa-f]{8}\): ([0-9A-Z]{5}): /gi;

// Condition names (errcodes.txt) as drivers print them: Postgrex
// `(too_many_connections)`, psycopg `psycopg2.errors.InvalidPassword`,
// asyncpg `asyncpg.exceptions.TooManyConnectionsError`, and Erlang's epgsql
// result tuple `{error, invalid_password}` (epgsql/pgapp#18).
const CONDITIONS: Record<string, string> = {
  connection_exception: '08000',
  connection_does_not_exist: '08003',
  connection_failure: '08006',
  sqlclient_unable_to_establish_sqlconnection: '08001',
  client_cannot_connect: '08001', // asyncpg's name for 08001
  sqlserver_rejected_establishment_of_sqlconnection: '08004',
  protocol_violation: '08P01',
  invalid_authorization_specification: '28000',
  invalid_password: '28P01',
  invalid_catalog_name: '3D000',
  invalid_schema_name: '3F000',
  undefined_table: '42P01',
  undefined_column: '42703',
  undefined_function: '42883',
  undefined_object: '42704',
  insufficient_privilege: '42501',
  duplicate_prepared_statement: '42P05',
  invalid_sql_statement_name: '26000',
  too_many_connections: '53300',
  admin_shutdown: '57P01',
  crash_shutdown: '57P02',
  cannot_connect_now: '57P03',
  idle_session_timeout: '57P05',
  idle_in_transaction_session_timeout: '25P03',
  transaction_timeout: '25P04',
  query_canceled: '57014',
  deadlock_detected: '40P01',
  serialization_failure: '40001',
  unique_violation: '23505',
  syntax_error: '42601',
  in_failed_sql_transaction: '25P02',
};
const BY_SQUASHED_NAME = new Map(Object.entries(CONDITIONS).map(([name, code]) => [name.replace(/_/g, ''), code]));
const SNAKE_CONDITION = /(?:\(|\{error, ?)([a-z]{2,30}(?:_[a-z]{2,30}){1,6})[)}]/g;
const CAMEL_CONDITION = /\b(?:errors|exceptions)\.([A-Z][A-Za-z]{3,70}?)(?:Error)?\b/g;

/** Every SQLSTATE printed in a structured place, in text order. */
export function structuredSqlstates(text: string): Fact[] {
  const found: Fact[] = [];
  LABELLED_SQLSTATE.lastIndex = 0;
  for (let m = LABELLED_SQLSTATE.exec(text); m !== null && found.length < MAX_FACTS; m = LABELLED_SQLSTATE.exec(text)) {
    const code = m[1] ?? m[2] ?? m[3] ?? '';
    if (!/^[0-9A-Z]{5}$/.test(code) || !SQLSTATE_CLASSES.has(code.slice(0, 2))) continue;
    const start = m.index + m[0].lastIndexOf(code);
    found.push({ value: code, start, end: start + 5 });
  }
  for (const regex of [SNAKE_CONDITION, CAMEL_CONDITION]) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null && found.length < 2 * MAX_FACTS; m = regex.exec(text)) {
      const name = m[1] ?? '';
      const code = BY_SQUASHED_NAME.get(name.toLowerCase().replace(/_/g, ''));
      if (code === undefined) continue;
      const start = m.index + m[0].indexOf(name);
      found.push({ value: code, start, end: start + name.length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// --- severity, errno, syscall, driver code ------------------------------------

const SEVERITY =
  /\bseverity["']?\s{0,4}[:=]\s{0,4}["']?(FATAL|ERROR|PANIC|Fatal|Error|Panic|fatal|error|panic)\b|\bPostgreSQLSeverity\.(fatal|error|panic)\b|(?:^|[\s:(])(FATAL|PANIC|ERROR)(?=:? {1,2}\S)/g;

const ERRNO_NAME = /\b(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|EADDRNOTAVAIL|EPIPE|ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)\b/g;
// Numbers as Python (`[Errno 111]`, `[WinError 10061]`), Rust (`(os error 111)`)
// and Node (`errno: -111`) print them. Linux numbering, plus macOS's for the
// three socket errors whose numbers differ (60, 61, 54) and Winsock's; Python's
// negative gaierror numbers are getaddrinfo's EAI_* codes.
const ERRNO_NUMBER = /\[(?:Errno|WinError) (-?\d{1,5})\]|\(os error (\d{1,5})\)|\berrno["']?:\s{0,2}(-?\d{1,5})\b/g;
const ERRNO_BY_NUMBER: Record<string, string> = {
  '111': 'ECONNREFUSED',
  '-111': 'ECONNREFUSED',
  '61': 'ECONNREFUSED',
  '10061': 'ECONNREFUSED',
  '110': 'ETIMEDOUT',
  '-110': 'ETIMEDOUT',
  '60': 'ETIMEDOUT',
  '10060': 'ETIMEDOUT',
  '104': 'ECONNRESET',
  '-104': 'ECONNRESET',
  '54': 'ECONNRESET',
  '10054': 'ECONNRESET',
  '113': 'EHOSTUNREACH',
  '101': 'ENETUNREACH',
  '32': 'EPIPE',
  '-2': 'EAI_NONAME',
  '-3': 'EAI_AGAIN',
  '8': 'EAI_NONAME',
  '11001': 'EAI_NONAME',
  '-3008': 'ENOTFOUND',
};

function errnoOf(text: string, segment: [number, number] | null): Fact | null {
  const numbered = (m: RegExpExecArray): string => ERRNO_BY_NUMBER[m[1] ?? m[2] ?? m[3] ?? ''] ?? '';
  const named = (m: RegExpExecArray): string => m[1] ?? '';
  const firstIn = (from: number, to: number, max: number): Fact[] =>
    [...allOf(ERRNO_NAME, text, named, from, to, max), ...allOf(ERRNO_NUMBER, text, numbered, from, to, max)].sort((a, b) => a.start - b.start);
  // The innermost error's errno when it carries one, else the last one printed (a cause prints after its wrapper).
  const inner = segment === null ? [] : firstIn(segment[0], segment[1], 1);
  const tail = firstIn(Math.max(0, text.length - TAIL_FOR_FACTS), text.length, MAX_FACTS);
  return inner[0] ?? tail[tail.length - 1] ?? null;
}

const SYSCALL = /\bsyscall["']?:\s{0,2}["']?(\w{2,20})|\b(connect|getaddrinfo|read|write|lookup|dial) (?:E[A-Z_]{4,15}\b|tcp\b)/g;

const DRIVER_CODE = /\b(P[1-3]\d{3})\b|sqlalche\.me\/e\/(?:\d{1,2}\/)?(\w{4})\b|\b(ERR_[A-Z][A-Z_]{2,60})\b|SQLSTATE\[[0-9A-Z]{5}\] \[(\d{1,5})\]/g;

/** Matches of a global regex in text[from, to), at most `max` of them (facts, not a census). */
function allOf(regex: RegExp, text: string, value: (m: RegExpExecArray) => string, from = 0, to = text.length, max = MAX_FACTS): Fact[] {
  const found: Fact[] = [];
  regex.lastIndex = from;
  for (let m = regex.exec(text); m !== null && m.index < to && found.length < max; m = regex.exec(text)) {
    const v = value(m);
    if (v !== '') {
      const at = m.index + m[0].indexOf(v);
      found.push({ value: v, start: at, end: at + v.length });
    }
    if (m[0].length === 0) regex.lastIndex++;
  }
  return found;
}
const MAX_FACTS = 32;
/** Where a text has no wrapper, its last lines are where the innermost error is printed. */
const TAIL_FOR_FACTS = 4096;

function firstOf(regex: RegExp, text: string, value: (m: RegExpExecArray) => string): Fact | null {
  return allOf(regex, text, value)[0] ?? null;
}
