// A finding rule is shaped like an ESLint rule: `meta` (id, default
// severity, what it is about) plus `check`, which reads the audit context
// and returns zero or more findings. Messages and fixes must come out
// redacted: build them from ctx.safe(...) values, never from raw text.
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

export interface FindingRule {
  readonly meta: { readonly id: string; readonly severity: Severity; readonly description: string };
  check(ctx: AuditContext): Finding[];
}
