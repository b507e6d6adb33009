import { isPlaceholder } from '../../secrets/placeholder.ts';
import type { AuditContext, FindingRule } from './types.ts';

/**
 * The paste holds a password or key that is not a placeholder: the report's
 * `secretExposed`. The placeholder rules are src/secrets' own, so the audit
 * and triage never disagree.
 */
export function holdsLiveSecret(ctx: AuditContext): boolean {
  const parsed = ctx.meant.ok ? [] : ctx.meant.error.secretFragments;
  const candidates = [ctx.ok?.options.password, ctx.ok?.options.sslpassword, ctx.intendedPassword, ...ctx.patternSecrets, ...parsed].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return candidates.length > 0 && !candidates.every(isPlaceholder);
}

// A pasted live secret is flagged and the user is told to rotate it
// (docs/families.md, "Cross-cutting finding").
export const rule: FindingRule = {
  meta: { id: 'secret_exposed', severity: 'error', description: 'A live password or key was pasted.' },
  check(ctx) {
    if (!holdsLiveSecret(ctx)) return [];
    return [
      {
        severity: 'error',
        message: 'The string holds a real-looking password or key. Anything pasted into a chat, ticket or log must be treated as exposed; it is redacted everywhere here.',
        fix: 'Rotate it: reset the role password (Neon console: Branches -> Roles -> Reset password, or ALTER ROLE ... PASSWORD), update DATABASE_URL where it is stored, and paste connection strings with the password removed.',
      },
    ];
  },
};
