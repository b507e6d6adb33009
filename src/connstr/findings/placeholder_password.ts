import { isPlaceholder } from '../../secrets/placeholder.ts';
import type { FindingRule } from './types.ts';

// The placeholder rules live in src/secrets, so the audit and triage agree on
// what is a placeholder and what is a live secret.
export function isPlaceholderPassword(password: string): boolean {
  return isPlaceholder(password);
}

export const rule: FindingRule = {
  meta: { id: 'placeholder_password', severity: 'error', description: 'The password is a placeholder, not a password.' },
  check(ctx) {
    const password = ctx.intendedPassword ?? ctx.ok?.options.password;
    if (password === undefined || password === '' || !isPlaceholderPassword(password)) return [];
    return [
      {
        severity: 'error',
        message: 'The password is a placeholder (bracketed, masked, a template or an unexpanded $VARIABLE), so authentication fails with "password authentication failed".',
        fix: 'Put the real password in (percent-encoded), e.g. copy the full string from the Neon console\'s Connect dialog, or make sure the variable is set where the string is expanded.',
      },
    ];
  },
};
