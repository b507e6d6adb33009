// Does a pasted .gitignore keep `.env` out of git? Real gitignore semantics
// (https://git-scm.com/docs/gitignore: negations, anchored paths, directory-only
// patterns, unescaped trailing spaces, comments) from the `ignore` package,
// the matcher eslint and others use.
import ignore from 'ignore';

export type GitignoreVerdict = {
  /** null when no .gitignore was given. */
  envIgnored: boolean | null;
  /** The pattern that decided, as written (trailing spaces trimmed), or null. */
  rule: string | null;
};

const ENV_FILE = '.env';

export function checkGitignore(gitignore: string | undefined, path = ENV_FILE): GitignoreVerdict {
  if (gitignore === undefined) return { envIgnored: null, rule: null };
  const result = ignore().add(gitignore).checkIgnore(path);
  if (result.rule !== undefined) return { envIgnored: result.ignored, rule: result.rule.pattern.trimEnd() };
  // A negation that re-includes the file is not named by `ignore`: find it.
  const negation = result.unignored ? lastNegationFor(gitignore, path) : null;
  return { envIgnored: result.ignored, rule: negation };
}

function lastNegationFor(gitignore: string, path: string): string | null {
  const lines = gitignore.split(/\r?\n/).filter((line) => line.startsWith('!'));
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    if (ignore().add(line.slice(1)).ignores(path)) return line.trimEnd();
  }
  return null;
}
