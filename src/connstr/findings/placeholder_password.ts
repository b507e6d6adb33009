import type { FindingRule } from './types.ts';

// Shapes copied from provider consoles and docs: Supabase "[YOUR-PASSWORD]",
// masked "****", "<password>", "YOUR_PASSWORD", an unexpanded ${VAR}/$VAR
// (docker-compose, shell without the variable set), our own "<redacted>".
const PLACEHOLDERS = [
  /^\[[^\]]*\]$/,
  /^<[^>]*>$/,
  /^\*+$/,
  /^\*+REDACTED\*+$/i,
  /^\{\{?[^}]*\}?\}$/,
  /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/,
  /^(your|my|the)?[-_ ]?(db|database|postgres|pg)?[-_ ]?pass(word)?$/i,
  /^x{3,}$/i,
];

export function isPlaceholderPassword(password: string): boolean {
  let text = password;
  try {
    text = decodeURIComponent(password);
  } catch {
    // keep it as written
  }
  return PLACEHOLDERS.some((re) => re.test(text));
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
