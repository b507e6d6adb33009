// The shapes every probe check, the runner and the interfaces (CLI, HTTP,
// chat) share. Check ids are a contract: `doctor --json` prints them and the
// runbook map (runbook-map.ts) names them.
import type { Logger } from 'pino';
import type { FamilyId } from '../triage/types.ts';
import type { ProbeSession } from './session.ts';
import type { ProbeTarget } from './target.ts';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** What `doctor --json` prints for one check (contract). */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  durationMs: number;
  observed: Record<string, unknown>;
  /** The error family a failure points to, classified by src/triage from the real error text. */
  family?: FamilyId;
  message?: string;
}

/** What a check module answers; the runner adds id, duration and family. */
export interface CheckOutcome {
  status: Exclude<CheckStatus, 'skip'> | 'skip';
  observed: Record<string, unknown>;
  message?: string;
  /** The real error text (client or server wording) that triage classifies into a family. */
  errorText?: string;
  /** A warning with no error to classify names the family it points to itself. */
  family?: FamilyId;
}

export interface CheckContext {
  /** The only database the probe may reach: DATABASE_URL or the embedded demo database. */
  target: ProbeTarget;
  /** Aborted when the run's deadline passes or the caller gives up. */
  signal: AbortSignal;
  /** What is left of the run's budget for this check. */
  timeoutMs: number;
  log: Logger;
  /** Connections, DataSource and observations shared by the checks of one run. */
  session: ProbeSession;
}

export interface ProbeCheck {
  readonly id: string;
  /** Checks whose failure (or skip) makes this one skip. */
  readonly dependsOn: readonly string[];
  /** Writes to the database (only in the probe's own schema, only when PROBE_ALLOW_WRITES=true). */
  readonly writes?: boolean;
  run(context: CheckContext): Promise<CheckOutcome>;
}
