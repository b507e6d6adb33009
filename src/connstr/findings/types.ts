// A finding rule is shaped like an ESLint rule: `meta` (the one finding id
// it emits, its default severity, what it is about) plus `check`, which reads
// the audit context and reports zero or more times, as ESLint's
// context.report() does (https://eslint.org/docs/latest/extend/custom-rules).
// A report carries no id: the audit stamps the rule's own, so a rule cannot
// emit an id it does not declare. Messages and fixes must come out redacted:
// build them from ctx.safe(...) values, never from raw text.
import type { NeonHost } from '../neon.ts';
import type { LibpqParse, LibpqParseOk } from '../parse.ts';
import type { ConnstrParts } from '../parts.ts';
import type { ReadersReport } from '../readers.ts';
import type { Unwrapped } from '../unwrap.ts';

export type Severity = 'error' | 'warn' | 'info';

export interface Finding {
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix?: string;
}

export interface AuditContext {
  readonly libpqMajor: number;
  readonly unwrapped: Unwrapped;
  /** libpq's reading of the input exactly as pasted. */
  readonly literal: LibpqParse;
  /** libpq's reading of the string the user meant (unwrapped.meant). */
  readonly meant: LibpqParse;
  readonly ok: LibpqParseOk | undefined;
  readonly parts: ConnstrParts | undefined;
  readonly readers: ReadersReport;
  readonly neon: NeonHost | undefined;
  /** Pre-network errors libpq would raise for the meant string. */
  readonly rejections: readonly string[];
  /** The meant string with every secret replaced by <redacted>. */
  readonly safeMeant: string;
  /** Redacts any text derived from the input. */
  safe(text: string): string;
  /** The intended password (raw), for classification only: never put it in a message. */
  readonly intendedPassword: string | undefined;
  /** Secrets found by pattern anywhere in the paste (e.g. a URI inside dbname=...); classification only. */
  readonly patternSecrets: readonly string[];
}

/** What a rule reports; the finding is this under the rule's id. */
export type Report = Omit<Finding, 'id'>;

export interface FindingRule {
  /** `id` is the finding id, and the rule's file name. */
  readonly meta: { readonly id: string; readonly severity: Severity; readonly description: string };
  check(ctx: AuditContext): Report[];
}
