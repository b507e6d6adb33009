// The shapes of phrasing: a job (which prompt, which facts, which sections)
// and its result. The engine decides every heading and verdict; phrasing only
// fills each section's text, from the model or from the offline templates.

export const PROMPT_IDS = ['connection-string-audit', 'incident-runbook', 'secret-checklist'] as const;
export type PromptId = (typeof PROMPT_IDS)[number];

/** One section of a phrasing: its key and heading (and verdict) come from the engine. */
export interface SectionSpec {
  /** The section key the model must use, e.g. `overview`, `rotate_password`, `part.host`. */
  key: string;
  /** Rendered from the engine: a check title, a part name, a secret name. */
  heading: string;
  /** The engine's verdict on this check, when it has one. */
  verdict?: string | null;
}

export interface PhrasingSection extends SectionSpec {
  text: string;
}

export type PhrasingSource = 'model' | 'offline';

/** Why the model's text was not used (logged, and kept with the phrasing). */
export type FallbackReason =
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'request_failed'
  | 'malformed_stream'
  | 'busy'
  | 'shutdown'
  | `guard:${GuardReason}`;

export type GuardReason =
  | 'secret'
  | 'url'
  | 'host'
  | 'command'
  | 'sql'
  | 'setting'
  | 'family'
  | 'check'
  | 'verdict'
  | 'structure'
  | 'too_long'
  | 'empty';

/** Facts: plain JSON data, every string already redacted. */
export type Facts = Record<string, unknown>;

export interface PhrasingJob {
  prompt: PromptId;
  facts: Facts;
  sections: SectionSpec[];
}

export interface Phrasing {
  prompt: PromptId;
  source: PhrasingSource;
  sections: PhrasingSection[];
  /** Set when a model was configured but its text was not used. */
  fallbackReason?: FallbackReason;
}
