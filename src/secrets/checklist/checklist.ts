// The secret checklist (lesson prompt 3): from a description of the app, a
// pasted .env / .env.example and optionally a .gitignore, the secrets the app
// needs, each with where it lives, how it is loaded, what an attacker can do
// with it once committed, and the recovery steps in order. Pure: the CLI reads
// the files, the HTTP handler the body. Values never leave this function:
// the answer names variables, never their values.
import { findSecrets } from '../find.ts';
import { SECRET_KINDS } from '../kinds.ts';
import { secretKindOfName } from '../scanners/settings.ts';
import { checkGitignore, type GitignoreVerdict } from './gitignore.ts';
import { PROVIDERS, UNKNOWN_PROVIDER, providerOfKind, providerOfVariable, type Provider } from './providers.ts';

export interface ChecklistInput {
  description?: string;
  env?: string;
  gitignore?: string;
}

export interface ChecklistItem {
  /** The variable's name from the pasted file, or the conventional name from the description. */
  name: string;
  provider: string;
  /** True only for a real-looking value in the paste (redacted, never stored). */
  live: boolean;
  whereItLives: string;
  howLoaded: string;
  ifCommitted: string;
  /** In order: rotate at the provider, remove from history, check for use. */
  recovery: string[];
}

export type ChecklistFinding = {
  id: 'live_secret' | 'env_not_ignored' | 'env_ignored' | 'no_gitignore' | 'placeholder_value';
  severity: 'error' | 'warn' | 'info';
  name?: string;
  message: string;
};

export interface Checklist {
  secrets: ChecklistItem[];
  gitignore: GitignoreVerdict;
  findings: ChecklistFinding[];
}

const WHERE_IT_LIVES =
  'Locally in .env (git-ignored; .env.example lists the name with no value). In production in the host\'s secret store (the platform\'s environment settings: Vercel, Render, Fly, Heroku, GitHub Actions secrets, AWS Secrets Manager), never in the repository or the image.';

const REMOVE_FROM_HISTORY =
  'Remove it from git history: `git rm --cached .env`, add `.env` to .gitignore, rewrite history with `git filter-repo --invert-paths --path .env` (or BFG Repo-Cleaner), force-push and have collaborators re-clone (https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository). Rotate first: rewriting history does not un-leak a value already cloned or scanned.';

type Language = 'node' | 'python';
const PYTHON = /\b(?:fastapi|django|flask|python|pydantic|sqlalchemy|celery|starlette)\b/i;
const NODE = /\b(?:express|next(?:\.?js)?|node(?:\.?js)?|nest(?:js)?|typescript|javascript|prisma|remix|nuxt|svelte(?:kit)?|hono|bun)\b/i;

function languagesOf(description: string): Language[] {
  const found: Language[] = [];
  if (NODE.test(description)) found.push('node');
  if (PYTHON.test(description)) found.push('python');
  return found.length > 0 ? found : ['node', 'python'];
}

function howLoaded(name: string, languages: readonly Language[]): string {
  const ways: string[] = [];
  // dotenv (https://github.com/motdotla/dotenv#usage) and python-dotenv (https://github.com/theskumar/python-dotenv#getting-started).
  if (languages.includes('node')) ways.push(`Node: load .env once at start with dotenv (\`import 'dotenv/config';\`), then read \`process.env.${name}\`; in production the host sets it and no file is read.`);
  if (languages.includes('python')) ways.push(`Python: \`from dotenv import load_dotenv; load_dotenv()\` (python-dotenv) at start, then \`os.getenv("${name}")\`; fail at start when it is missing instead of falling back to a default.`);
  return ways.join(' ');
}

interface EnvEntry {
  name: string;
  value: string;
  line: string;
}

// dotenv's line syntax (https://github.com/motdotla/dotenv#what-rules-does-the-parsing-engine-follow): `export` allowed,
// quoted values, ` #` starts a comment in an unquoted value.
const ENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*(.*)$/;

function parseEnv(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(?:#|$)/.test(line)) continue;
    const match = ENV_LINE.exec(line);
    if (match === null) continue;
    let value = (match[2] as string).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && value.indexOf(quote, 1) > 0) value = value.slice(1, value.indexOf(quote, 1));
    else value = value.replace(/[ \t]+#.*$/, '');
    entries.push({ name: match[1] as string, value, line });
  }
  return entries;
}

/** The variable names of a pasted .env, in order, once each (what the chat keeps of the paste). */
export function envVariableNames(env: string): string[] {
  return [...new Set(parseEnv(env).map((entry) => entry.name))];
}

function isSecretVariable(entry: EnvEntry, liveOrPlaceholder: boolean): boolean {
  if (liveOrPlaceholder) return true;
  if (secretKindOfName(entry.name) !== null) return true;
  if (/_DSN$/i.test(entry.name)) return true;
  return PROVIDERS.some((p) => p.variables.includes(entry.name.toUpperCase()));
}

function item(name: string, provider: Provider, live: boolean, languages: readonly Language[]): ChecklistItem {
  return {
    name,
    provider: provider.name,
    live,
    whereItLives: WHERE_IT_LIVES,
    howLoaded: howLoaded(name, languages),
    ifCommitted: provider.ifCommitted,
    recovery: [`Rotate it at ${provider.name} first: ${provider.rotate}`, REMOVE_FROM_HISTORY, `Check for use: ${provider.checkUse}`],
  };
}

export function buildChecklist(input: ChecklistInput): Checklist {
  const description = input.description ?? '';
  const languages = languagesOf(description);
  const findings: ChecklistFinding[] = [];
  const secrets: ChecklistItem[] = [];
  const named = new Set<string>();

  for (const entry of parseEnv(input.env ?? '')) {
    const found = findSecrets(entry.line);
    const live = entry.value !== '' && found.some((f) => !f.placeholder);
    if (!isSecretVariable(entry, found.length > 0) || named.has(entry.name)) continue;
    named.add(entry.name);
    const byKind = found.map((f) => providerOfKind(f.kind)).find((p) => p !== null) ?? null;
    const provider = providerOfVariable(entry.name) ?? byKind ?? UNKNOWN_PROVIDER;
    secrets.push(item(entry.name, provider, live, languages));
    if (live) {
      const kinds = [...new Set(found.filter((f) => !f.placeholder).map((f) => SECRET_KINDS[f.kind]))].join(', ');
      findings.push({ id: 'live_secret', severity: 'error', name: entry.name, message: `${entry.name} holds a live value (${kinds}). It was redacted and is not kept here; it was pasted, so rotate it.` });
    } else if (found.length > 0) {
      findings.push({ id: 'placeholder_value', severity: 'info', name: entry.name, message: `${entry.name} holds a placeholder, as a .env.example should.` });
    }
  }

  // A key pasted into the description itself is live and named by its shape;
  // when the shape says whose it is, that provider's secret is live (below).
  const liveInDescription = findSecrets(description)
    .filter((finding) => !finding.placeholder)
    .map((finding) => ({ kind: finding.kind, provider: providerOfKind(finding.kind) }));

  for (const provider of PROVIDERS) {
    if (!provider.mentions.test(description)) continue;
    if (secrets.some((s) => s.provider === provider.name)) continue;
    const name = provider.variables[0] as string;
    if (named.has(name)) continue;
    named.add(name);
    secrets.push(item(name, provider, false, languages));
  }

  for (const { kind, provider } of liveInDescription) {
    let name: string | undefined;
    if (provider !== null) {
      const at = secrets.findIndex((secret) => secret.provider === provider.name);
      name = at >= 0 ? (secrets[at] as ChecklistItem).name : (provider.variables[0] as string);
      if (at >= 0) secrets[at] = item(name, provider, true, languages);
      else if (!named.has(name)) {
        named.add(name);
        secrets.push(item(name, provider, true, languages));
      }
    }
    findings.push({
      id: 'live_secret',
      severity: 'error',
      ...(name !== undefined ? { name } : {}),
      message: `The description holds ${SECRET_KINDS[kind]}${name !== undefined ? ` (${name})` : ''}. It was redacted and is not kept here; rotate it.`,
    });
  }

  const gitignore = checkGitignore(input.gitignore);
  if (gitignore.envIgnored === false) {
    findings.push({
      id: 'env_not_ignored',
      severity: 'error',
      message: `.env is not ignored${gitignore.rule !== null ? ` (decided by "${gitignore.rule}")` : ''}: add a line \`.env\` to .gitignore (after any \`!\` rule that re-includes it) before the next commit.`,
    });
  } else if (gitignore.envIgnored === true) {
    findings.push({ id: 'env_ignored', severity: 'info', message: `.env is ignored (by "${gitignore.rule}"). \`git ls-files .env\` must print nothing: a file committed before the rule stays tracked.` });
  } else {
    findings.push({ id: 'no_gitignore', severity: 'warn', message: 'No .gitignore was given: paste it to check that .env is ignored.' });
  }
  return { secrets, gitignore, findings };
}
