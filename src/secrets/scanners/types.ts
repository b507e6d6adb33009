import type { SecretKind } from '../kinds.ts';

/** Where a scanner saw a secret value in the text it was given. */
export interface Span {
  kind: SecretKind;
  start: number;
  end: number;
}

export type Scanner = (text: string) => Span[];
