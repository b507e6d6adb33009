// The output guard: what a model wrote is checked before anything shows it.
// The model may only say again what the engine's facts say: no secret, and no
// URL, host, command, SQL or setting value, family, check or verdict that the
// trusted facts (the facts minus what the user pasted) do not hold. A failing
// section drops the whole model text for the offline phrasing.
import { LIBPQ_KEYWORDS } from '../connstr/libpq-options.ts';
import { REDACTED, redactSecrets } from '../secrets/redact.ts';
import { RUNBOOKS } from '../triage/runbooks/registry.ts';
import { FAMILY_IDS } from '../triage/types.ts';
import { stringsIn } from './facts.ts';
import { PROMPTS } from './prompts/registry.ts';
import type { GuardReason, PhrasingJob, SectionSpec } from './types.ts';

/** Longest section text accepted from a model. */
export const MAX_SECTION_CHARS = 1500;

export interface GuardContext {
  /** The trusted facts' strings and the section keys and headings, joined. */
  readonly trusted: string;
  /** The same, lower case, whitespace collapsed, backticks removed. */
  readonly trustedFlat: string;
  readonly trustedSettings: ReadonlySet<string>;
  readonly sections: readonly SectionSpec[];
  /** The runbook's verdicts so far; null when the prompt has no verdicts to re-decide. */
  readonly verdicts: ReadonlySet<string> | null;
  /** Configuration values that must never appear (API key, token, URLs from .env). */
  readonly withheld: readonly string[];
}

export function guardContextFor(job: PhrasingJob, withheld: readonly string[] = []): GuardContext {
  const untrusted = new Set(PROMPTS[job.prompt].untrustedKeys);
  const trustedFacts = Object.fromEntries(Object.entries(job.facts).filter(([key]) => !untrusted.has(key)));
  const trusted = [...stringsIn(trustedFacts), ...job.sections.flatMap((s) => [s.key, s.heading])].join('\n');
  return {
    trusted,
    trustedFlat: flat(trusted),
    trustedSettings: new Set(settingsIn(trusted)),
    sections: job.sections,
    verdicts: job.prompt === 'incident-runbook' ? new Set(job.sections.map((s) => s.verdict).filter((v): v is string => typeof v === 'string')) : null,
    withheld: withheld.filter((value) => value.length >= 4),
  };
}

/** The keys the model wrote, against the engine's: none added, dropped or reordered. */
export function checkStructure(keys: readonly string[], ctx: GuardContext): GuardReason | null {
  const expected = ctx.sections.map((s) => s.key);
  if (keys.length !== expected.length || keys.some((key, i) => key !== expected[i])) return 'structure';
  return null;
}

/** The first reason this section's text may not be shown, or null. */
export function checkSection(text: string, section: SectionSpec, ctx: GuardContext): GuardReason | null {
  if (text.trim() === '') return 'empty';
  if (text.length > MAX_SECTION_CHARS) return 'too_long';
  // A placeholder (`<redacted>`, `[YOUR-PASSWORD]`) hides nothing; any live secret fails.
  if (redactSecrets(text).secretExposed || ctx.withheld.some((value) => text.includes(value))) return 'secret';
  for (const url of urlsIn(text)) if (!ctx.trusted.toLowerCase().includes(url.toLowerCase())) return 'url';
  for (const host of hostsIn(text)) if (!ctx.trustedFlat.includes(host.toLowerCase())) return 'host';
  for (const command of commandsIn(text)) if (!ctx.trustedFlat.includes(flat(command))) return 'command';
  for (const statement of sqlIn(text)) if (!ctx.trustedFlat.includes(flat(statement))) return 'sql';
  for (const setting of settingsIn(text)) if (!ctx.trustedSettings.has(setting)) return 'setting';
  for (const family of familiesIn(text)) if (!ctx.trustedFlat.includes(family)) return 'family';
  for (const check of checksIn(text)) if (!ctx.trustedFlat.includes(check)) return 'check';
  if (ctx.verdicts !== null) {
    for (const verdict of verdictClaimsIn(text)) {
      // A check's section may state only its own verdict; the overview, any verdict given so far.
      const allowed = section.verdict === undefined ? ctx.verdicts.has(verdict) : section.verdict === verdict;
      if (!allowed) return 'verdict';
    }
  }
  return null;
}

function flat(text: string): string {
  return text.replace(/`/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

const URL_PATTERN = /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s<>`'")\]]+/gi;

export function urlsIn(text: string): string[] {
  return [...text.matchAll(URL_PATTERN)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

// File names and code members look like host names; hosts are written in lower case.
const NOT_A_TLD = new Set(['conf', 'json', 'js', 'mjs', 'cjs', 'ts', 'py', 'env', 'yml', 'yaml', 'toml', 'md', 'txt', 'sql', 'sh', 'ini', 'cfg', 'log', 'pem', 'crt', 'key', 'rb', 'go', 'java', 'properties', 'xml', 'lock']);
const HOST_PATTERN = /(?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z][a-z0-9-]{1,62})(?![\w-]|\.[a-z0-9])/g;
const IPV4_PATTERN = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])/g;

export function hostsIn(text: string): string[] {
  const withoutUrls = text.replace(URL_PATTERN, ' ');
  const names = [...withoutUrls.matchAll(HOST_PATTERN)].filter((m) => !NOT_A_TLD.has(m[1] as string)).map((m) => m[0]);
  const localhost = /\blocalhost\b/i.test(withoutUrls) ? ['localhost'] : [];
  return [...names, ...[...withoutUrls.matchAll(IPV4_PATTERN)].map((m) => m[0]), ...localhost];
}

const COMMAND_WORDS = 'psql|pg_dump|pg_isready|pg_ctl|curl|wget|sudo|export|unset|set|chmod|npm|npx|pnpm|yarn|pip3?|git|node|python3?|docker|kubectl|heroku|vercel|neonctl|openssl|nc|telnet|dig|nslookup';
const COMMAND_LINE = new RegExp(`(?:^|[\\s(])((?:${COMMAND_WORDS})\\s+(?:-{1,2}[A-Za-z][\\w-]*|[A-Z_]{3,}=|install|add|rm|run|exec|config|push|commit|filter-repo|update)\\b)`, 'g');

/** Code spans and blocks, `$ ` lines, and a command word with its first argument. */
export function commandsIn(text: string): string[] {
  const blocks = [...text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].flatMap((m) => (m[1] as string).split('\n')).filter((line) => line.trim() !== '');
  const outside = text.replace(/```[\s\S]*?```/g, ' ');
  const spans = [...outside.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string).filter((span) => span !== REDACTED);
  const dollar = [...outside.matchAll(/^\s*\$ (.+)$/gm)].map((m) => m[1] as string);
  const words = [...outside.replace(/`[^`\n]*`/g, ' ').matchAll(COMMAND_LINE)].map((m) => m[1] as string);
  return [...blocks, ...spans, ...dollar, ...words];
}

const SQL_PATTERN =
  /\b(?:select\s+(?:\*|[\w(),.\s]{1,60}?)\s+from\s+[\w.]+|select\s+(?:current_user|session_user|version\(\)|now\(\)|1\b|pg_\w+\(|inet_server_addr)|insert\s+into\s+[\w.]+|update\s+[\w.]+\s+set\b|delete\s+from\s+[\w.]+|alter\s+(?:role|user|table|database|system|schema|default)\s+[\w."]+|create\s+(?:role|user|table|database|extension|schema)\s+[\w."]+|drop\s+(?:role|user|table|database|schema|owned)\s+[\w."]+|grant\s+[\w,\s]{1,40}?\s+(?:on|to)\s+[\w."]+|revoke\s+[\w,\s]{1,40}?\s+(?:on|from)\s+[\w."]+|show\s+(?:ssl|max_connections|search_path|server_version|all)\b|set\s+(?:role|search_path|session)\b)/gi;

export function sqlIn(text: string): string[] {
  return [...text.matchAll(SQL_PATTERN)].map((m) => m[0]);
}

// Settings written as words: "set sslmode to disable", `ssl: false`.
const SETTING_NAMES = [...LIBPQ_KEYWORDS.map((k) => k.keyword), 'ssl', 'pgsslmode', 'pool_mode', 'pool_pre_ping', 'pool_recycle', 'pool_size', 'max_connections', 'idle_session_timeout', 'statement_timeout', 'rejectunauthorized'];
const SETTING_ASSIGNMENT = /(?<![\w.-])([A-Za-z_][A-Za-z0-9_]*)\s*=\s*["']?([A-Za-z0-9_./:-]+)/g;
// In words, only a value a setting takes is read as one ("sslmode to disable"),
// not a name ("the user as neondb_owner"): names are the host and part rules' concern.
const SETTING_VALUES = 'disable|allow|prefer|require|verify-ca|verify-full|true|false|on|off|yes|no|any|read-write|read-only|primary|standby|prefer-standby|session|transaction|statement|direct|none|scram-sha-256|md5|password|gss|\\d+';
const SETTING_WORDS = new RegExp(`(?<![\\w.-])(${SETTING_NAMES.join('|')})["']?\\s*(?::|\\s+(?:to|as|of)\\b)\\s*["']?(${SETTING_VALUES})(?![\\w-])`, 'gi');

export function settingsIn(text: string): string[] {
  const plain = text.replace(/`/g, '');
  const pairs = [...plain.matchAll(SETTING_ASSIGNMENT), ...plain.matchAll(SETTING_WORDS)];
  return pairs.map((m) => `${(m[1] as string).toLowerCase()}=${(m[2] as string).replace(/[.,:]+$/, '').toLowerCase()}`);
}

// `unknown` is also an English word; the family is named by its id only in snake_case.
const FAMILY_PATTERN = new RegExp(`\\b(${FAMILY_IDS.filter((id) => id.includes('_')).join('|')})\\b`, 'g');
const CHECK_IDS = [...new Set(Object.values(RUNBOOKS).flatMap((runbook) => runbook.steps.map((step) => step.id)))].sort((a, b) => b.length - a.length);
const CHECK_PATTERN = new RegExp(`\\b(${CHECK_IDS.join('|')})\\b`, 'g');

export function familiesIn(text: string): string[] {
  return [...text.matchAll(FAMILY_PATTERN)].map((m) => m[1] as string);
}

export function checksIn(text: string): string[] {
  return [...text.matchAll(CHECK_PATTERN)].map((m) => m[1] as string);
}

// A verdict stated as a fact ("this check is confirmed", "it has been ruled
// out"), not a condition ("if ..., it is confirmed") nor an explanation of
// what an outcome means.
const VERDICT_CLAIM = /\b(?:is|was|has been|have been|are|were)\s+(?:now\s+|already\s+)?(confirmed|ruled out|resolved|not resolved)\b/i;
const CONDITIONAL = /\b(?:if|when|once|unless|until|whether|would|means|meaning|should|can|could|might|may)\b/i;

export function verdictClaimsIn(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .filter((sentence) => !CONDITIONAL.test(sentence))
    .map((sentence) => VERDICT_CLAIM.exec(sentence)?.[1])
    .filter((claim): claim is string => claim !== undefined)
    .map((claim) => claim.toLowerCase().replace(' ', '_'));
}
