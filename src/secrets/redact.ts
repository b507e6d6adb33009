import { findSecrets, type SecretFinding } from './find.ts';

export const REDACTED = '<redacted>';

export interface Redaction {
  text: string;
  findings: SecretFinding[];
  /** At least one live (non-placeholder) secret was in the text: it must be rotated. */
  secretExposed: boolean;
}

/** The text with every secret, placeholders included, replaced by `<redacted>`. */
export function redactSecrets(text: string): Redaction {
  const findings = findSecrets(text);
  let out = '';
  let cursor = 0;
  for (const finding of findings) {
    out += text.slice(cursor, finding.start) + REDACTED;
    cursor = finding.end;
  }
  out += text.slice(cursor);
  return { text: out, findings, secretExposed: findings.some((finding) => !finding.placeholder) };
}
