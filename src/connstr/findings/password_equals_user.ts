import { isPlaceholderPassword } from './placeholder_password.ts';
import type { FindingRule } from './types.ts';

// postgres:postgres@ and friends: the first pair any scanner tries.
export const rule: FindingRule = {
  meta: { id: 'password_equals_user', severity: 'warn', description: 'The password is the user name (or "postgres").' },
  check(ctx) {
    const o = ctx.ok?.options;
    const password = o?.password;
    if (o === undefined || password === undefined || password === '' || isPlaceholderPassword(password)) return [];
    if (password !== o.user && password !== 'postgres') return [];
    return [
      {
        severity: 'warn',
        message: 'The password is the user name or "postgres", the first guess of every scanner; fine for a throwaway local container, never for a reachable server.',
        fix: 'Set a generated password (ALTER ROLE ... PASSWORD, or the provider console) and keep it in the environment, not in code.',
      },
    ];
  },
};
