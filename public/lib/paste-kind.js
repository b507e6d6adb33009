// Tells a paste apart before it is sent, for the hint under the input and the
// label on what was sent. Only a hint: the server's triage and audit decide.

const ENV_LINE = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/;
const CONNECTION_STRING = /^(?:jdbc:)?postgres(?:ql)?(?:\+\w+)?:\/\/\S*$|^(?:\s*(?:host|hostaddr|port|dbname|user|password|sslmode)\s*=\s*\S+)+\s*$/i;
// Words real error output carries (libpq, node-postgres, Prisma, Python tracebacks, Go, JDBC).
const ERROR_WORDS = /\b(?:error|fatal|exception|failed|failure|refused|denied|timeout|timed out|traceback|panic|unable|cannot|could not|does not exist|no pg_hba\.conf|E[A-Z]{4,}|P10\d\d|[0-9A-Z]{2}[0-9]{3})\b/i;
const QUESTION_START = /^(?:how|why|what|which|where|when|who|can|could|should|is|are|does|do|will|would|help)\b/i;

export const PASTE_KINDS = {
  empty: { label: '', hint: 'Paste an error or a connection string. Enter sends, Shift+Enter adds a line.' },
  error: { label: 'Error', hint: 'Looks like an error: pgtriage names its family and walks the runbook, one check at a time.' },
  url: { label: 'Connection string', hint: 'Looks like a connection string: it is audited part by part, and any password is redacted before it is stored.' },
  env: { label: '.env file', hint: 'Looks like a .env file: every connection string in it is audited; passwords and keys are redacted before anything is stored.' },
  question: { label: 'Question', hint: 'Looks like a question: pgtriage works from the exact error text your app printed. Paste it for the runbook.' },
};

/** 'empty' | 'error' | 'url' | 'env' | 'question' */
export function pasteKind(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return 'empty';
  const lines = trimmed.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length > 0 && lines.every((line) => ENV_LINE.test(line)) && !CONNECTION_STRING.test(trimmed)) return 'env';
  if (lines.length === 1 && CONNECTION_STRING.test(lines[0].replace(/^["']|["']$/g, ''))) return 'url';
  if (ERROR_WORDS.test(trimmed)) return 'error';
  if (trimmed.endsWith('?') || QUESTION_START.test(trimmed)) return 'question';
  return 'error';
}
