// The `pgtriage` command. Every subcommand returns an exit code; nothing here
// prints a stack trace or an unredacted input.
import { readFile } from 'node:fs/promises';
import { auditConnectionString } from './connstr/audit.ts';
import { formatConnstrReport } from './connstr/format.ts';
import { ConfigError, loadConfig, readEnvironment } from './config.ts';
import { errors, PgtError } from './errors.ts';
import { parseBody, TextRecord } from './schemas.ts';
import { buildChecklist, type Checklist } from './secrets/checklist/checklist.ts';
import { triage } from './triage/classify.ts';
import type { TriageResult } from './triage/types.ts';

const USAGE = `usage: pgtriage <command> [options]

  triage [--json] [TEXT | -]   name the error family of TEXT (or stdin) and its runbook
  triage --jsonl               classify JSON Lines {"id", "text"} from stdin, one result line each
  parse [--json] [URL | -]     audit a connection string like libpq reads it (password redacted)
  parse --jsonl                audit JSON Lines {"id", "text"} from stdin
  parse --libpq=N ...          judge keywords as libpq major version N does (default 17; 16/17-only keywords are flagged)
  checklist [--json] [--env FILE] [--gitignore FILE] [DESCRIPTION | -]
                               the secrets an app needs, where each lives, how it is loaded, what to do if committed
  doctor [--json]              probe DATABASE_URL (or the embedded demo database) layer by layer; exit 1 when a check fails
  doctor --sanity [--json]     the deployment sanity sequence (writes only with PROBE_ALLOW_WRITES=true, in its own schema)
  serve                        start the web service (what npm start runs)
`;

interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdin: process.stdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'checklist') return checklist(io, rest);
  const flags = new Set(rest.filter((arg) => arg.startsWith('--') && !arg.startsWith('--libpq=')));
  const positional = rest.filter((arg) => !arg.startsWith('--'));
  const unknownFlag = [...flags].find((flag) => !['--json', '--jsonl', ...(command === 'doctor' ? ['--sanity'] : [])].includes(flag));
  if (unknownFlag !== undefined && command !== 'serve') {
    io.stderr(`pgtriage: unknown option ${unknownFlag}\n${USAGE}`);
    return 2;
  }
  const libpqOption = rest.find((arg) => arg.startsWith('--libpq='));
  const libpqMajor = libpqOption === undefined ? undefined : Number(libpqOption.slice('--libpq='.length));
  if (libpqMajor !== undefined && (command !== 'parse' || !Number.isInteger(libpqMajor) || libpqMajor < 10 || libpqMajor > 17)) {
    io.stderr(`pgtriage: --libpq takes a libpq major version from 10 to 17, with parse only\n${USAGE}`);
    return 2;
  }
  switch (command) {
    case 'triage':
      return flags.has('--jsonl')
        ? eachLine(io, (text) => triage(text))
        : single(io, positional, (text) => {
            const result = triage(text);
            return { json: result, text: formatTriage(result), ok: true };
          }, flags.has('--json'));
    case 'parse':
      return flags.has('--jsonl')
        ? eachLine(io, (text) => auditConnectionString(text, { libpqMajor }))
        : single(io, positional, (text) => {
            const report = auditConnectionString(text, { libpqMajor });
            return { json: report, text: formatConnstrReport(report), ok: report.ok };
          }, flags.has('--json'));
    case 'doctor':
      return doctor(io, { sanity: flags.has('--sanity'), asJson: flags.has('--json') });
    case 'serve':
      return serve(io);
    case undefined:
    case 'help':
    case '--help':
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`pgtriage: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

async function single(
  io: Io,
  positional: string[],
  run: (text: string) => { json: unknown; text: string; ok: boolean },
  asJson: boolean,
): Promise<number> {
  // `echo URL | pgtriage parse -` ends in a newline the user did not mean as part of the string.
  const text = positional.length === 0 || positional[0] === '-' ? (await readAll(io.stdin)).replace(/\r?\n$/, '') : positional.join(' ');
  if (text.trim() === '') {
    io.stderr('pgtriage: nothing to read: pass the text as an argument or on stdin\n');
    return 2;
  }
  const result = run(text);
  io.stdout(asJson ? `${JSON.stringify(result.json, null, 2)}\n` : result.text.endsWith('\n') ? result.text : `${result.text}\n`);
  return result.ok ? 0 : 1;
}

// One process for a whole log: a bad line gets an error line with its id, and
// the rest go on.
async function eachLine(io: Io, run: (text: string) => object): Promise<number> {
  const input = await readAll(io.stdin);
  let failures = 0;
  let lineNumber = 0;
  for (const line of input.split('\n')) {
    lineNumber++;
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      failures++;
      io.stdout(`${JSON.stringify({ id: null, line: lineNumber, error: errorLine(new errors.PGT_ERR_BAD_JSON({ message: 'this line is not JSON' })) })}\n`);
      continue;
    }
    let text: string;
    try {
      ({ text } = parseBody(TextRecord, record, 'PGT_ERR_BAD_REQUEST'));
    } catch (error) {
      if (!(error instanceof PgtError)) throw error;
      failures++;
      io.stdout(`${JSON.stringify({ id: idOf(record), line: lineNumber, error: errorLine(error) })}\n`);
      continue;
    }
    io.stdout(`${JSON.stringify({ id: idOf(record), ...run(text) })}\n`);
  }
  return failures === 0 ? 0 : 1;
}

function idOf(record: unknown): unknown {
  return typeof record === 'object' && record !== null ? ((record as { id?: unknown }).id ?? null) : null;
}

function errorLine(error: PgtError): { code: string; message: string; fix: string } {
  return { code: error.code, message: error.message, fix: error.fix };
}

// Exit 0 when no check failed, 1 when one did, 2 when the configuration is unusable.
async function doctor(io: Io, { sanity, asJson }: { sanity: boolean; asJson: boolean }): Promise<number> {
  let config;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`pgtriage: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const [{ createProbe }, { embeddedTarget }, { formatDoctor, formatSanity }, { pino }, { EmbeddedStartError }] = await Promise.all([
    import('./probe/service.ts'),
    import('./probe/embedded-target.ts'),
    import('./probe/format.ts'),
    import('pino'),
    import('./db/embedded.ts'),
  ]);
  let embedded = null;
  try {
    if (config.databaseUrl === null) embedded = await embeddedTarget({ dataDir: config.dataDir, port: config.embeddedPort, log: (line) => io.stderr(`pgtriage: ${line}\n`) });
  } catch (error) {
    if (!(error instanceof EmbeddedStartError)) throw error;
    io.stderr(`pgtriage: DATABASE_URL is unset and ${error.message}\n`);
    return 2;
  }
  try {
    const probe = createProbe(
      {
        url: config.databaseUrl ?? (embedded as { url: string }).url,
        source: config.databaseUrl === null ? 'embedded' : 'DATABASE_URL',
        allowWrites: config.probeAllowWrites,
        expectedTables: config.probeExpectedTables,
        timeoutMs: config.probeTimeoutMs,
        pool: config.pool,
      },
      // The report says what happened; pool chatter on the terminal would only repeat it.
      { logger: pino({ level: 'silent' }) },
    );
    if (sanity) {
      const report = await probe.sanity();
      io.stdout(asJson ? `${JSON.stringify(report, null, 2)}\n` : formatSanity(report));
      return report.ok ? 0 : 1;
    }
    const report = await probe.doctor();
    io.stdout(asJson ? `${JSON.stringify(report, null, 2)}\n` : formatDoctor(report));
    return report.ok ? 0 : 1;
  } finally {
    await embedded?.stop();
  }
}

async function serve(io: Io): Promise<number> {
  // Loaded here so that triage and parse start without the server's modules.
  const [{ startService }, { EmbeddedStartError }] = await Promise.all([import('./server.ts'), import('./db/embedded.ts')]);
  let service;
  try {
    const config = loadConfig(readEnvironment());
    service = await startService({ config });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EmbeddedStartError || (error as { code?: string }).code === 'EADDRINUSE') {
      io.stderr(`pgtriage: ${(error as Error).message}\n`);
      return 1;
    }
    io.stderr(`pgtriage: could not start: ${(error as Error).name}${(error as { code?: string }).code ? ` ${(error as { code?: string }).code}` : ''}\n`);
    return 1;
  }
  const running = service;
  io.stdout(`pgtriage is ready on ${running.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

function formatTriage(result: TriageResult): string {
  const lines = [`family: ${result.family} (confidence ${result.confidence.toFixed(2)})`];
  for (const evidence of result.evidence) lines.push(`  evidence: ${evidence.text}  [${evidence.rule}]`);
  for (const alternative of result.alternatives) lines.push(`  could also be: ${alternative.family} (${alternative.confidence.toFixed(2)})`);
  if (result.secretExposed) lines.push('WARNING: the text held a live secret; it was redacted here, but rotate it now.');
  lines.push('runbook:');
  result.runbook.steps.forEach((step, index) => lines.push(`  ${index + 1}. ${step.title} [${step.id}]`));
  return `${lines.join('\n')}\n`;
}

// `checklist` reads its files here; src/secrets/checklist is pure. The values
// in them are judged and never printed: only variable names come out.
async function checklist(io: Io, args: string[]): Promise<number> {
  const files: { env?: string; gitignore?: string } = {};
  const words: string[] = [];
  let asJson = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') asJson = true;
    else if (arg === '--env' || arg === '--gitignore') {
      const file = args[++i];
      if (file === undefined || file.startsWith('--')) {
        io.stderr(`pgtriage: ${arg} takes a file name\n${USAGE}`);
        return 2;
      }
      files[arg === '--env' ? 'env' : 'gitignore'] = file;
    } else if (arg.startsWith('--')) {
      io.stderr(`pgtriage: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else words.push(arg);
  }
  const read = async (path: string): Promise<string | null> => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      io.stderr(`pgtriage: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`);
      return null;
    }
  };
  const env = files.env === undefined ? undefined : await read(files.env);
  const gitignore = files.gitignore === undefined ? undefined : await read(files.gitignore);
  if (env === null || gitignore === null) return 1;
  const description = words.length === 1 && words[0] === '-' ? await readAll(io.stdin) : words.join(' ');
  if (description.trim() === '' && env === undefined) {
    io.stderr(`pgtriage: describe the app ("FastAPI on Neon with Stripe") or pass --env FILE\n${USAGE}`);
    return 2;
  }
  const result = buildChecklist({ description, ...(env !== undefined ? { env } : {}), ...(gitignore !== undefined ? { gitignore } : {}) });
  io.stdout(asJson ? `${JSON.stringify(result, null, 2)}\n` : formatChecklist(result));
  return 0;
}

function formatChecklist(result: Checklist): string {
  const lines: string[] = [];
  for (const finding of result.findings) if (finding.severity !== 'info') lines.push(`${finding.severity.toUpperCase()}: ${finding.message}`);
  for (const item of result.secrets) {
    lines.push('', `[ ] ${item.name} (${item.provider})${item.live ? '  LIVE VALUE PASTED: rotate it' : ''}`);
    lines.push(`    where it lives: ${item.whereItLives}`, `    how it is loaded: ${item.howLoaded}`, `    if committed: ${item.ifCommitted}`);
    item.recovery.forEach((step, index) => lines.push(`    ${index + 1}. ${step}`));
  }
  const { envIgnored, rule } = result.gitignore;
  lines.push('', `.env ignored by git: ${envIgnored === null ? 'unknown (pass --gitignore FILE)' : envIgnored ? `yes ("${rule}")` : `NO${rule !== null ? ` ("${rule}")` : ''}`}`);
  return `${lines.join('\n').trimStart()}\n`;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
