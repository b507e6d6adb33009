// The one rule set for "this is not a live secret": templates and masks that
// docs, consoles and .env.example files put where a secret goes, and keys the
// provider documents as test or example keys. A placeholder is still hidden
// (the judgement may be wrong), but nothing needs rotating. Triage, the
// connection-string audit and the checklist all ask here.

// Templates and masks. Shapes from provider consoles and docs: Supabase
// "[YOUR-PASSWORD]", Neon "<password>", masked "****", an unexpanded ${VAR} /
// $VAR / %VAR% / {{ var }} (docker-compose, shell, Windows, Helm/Jinja), our
// own "<redacted>"; gitleaks' global allowlist skips the same shapes
// (gitleaks/gitleaks config/gitleaks.toml, [allowlist] regexes).
const TEMPLATE =
  /^(?:<[^<>]*>|\[[^\][]*\]|\{\{?[^{}]*\}?\}|\$\{[^{}]*\}|\$\{\{[^{}]*\}\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|@[A-Za-z_][A-Za-z0-9_]*@|\*+(?:redacted\*+)?|\.{3,}|…|x{3,})$/i;

// A mask or filler inside an otherwise key-shaped value: sk-proj-xxxxxxxx...,
// AKIAXXXXXXXXXXXXXXXX, sk_live_****, "sk-...abcd".
const FILLER = /x{4}|X{4}|\*{3}|\.{3}|…|<[A-Za-z_ -]{2,40}>|\[[A-Za-z_ -]{2,40}\]|\$\{[A-Za-z_]/;

// Example values the providers print in their own docs.
const DOCUMENTED_EXAMPLES = [
  // AWS: "AKIAIOSFODNN7EXAMPLE" / "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html).
  /EXAMPLE(?:KEY)?$/,
  // Stripe test-mode keys: sk_test_, rk_test_, pk_test_ act on test data only
  // (https://docs.stripe.com/keys#test-live-modes).
  /^(?:sk|rk|pk)_test_/,
  // The password of the postgres image's own docs (hub.docker.com/_/postgres).
  /^mysecretpassword$/i,
];

// Words that make up "your-password-here", "changeme", "my_db_password",
// "YOUR_OPENAI_API_KEY", "replace-with-real-secret". A value made only of
// these, with at least one MARKER among them, is a placeholder; "postgres"
// or "admin" alone are real (weak) passwords and stay live.
const MARKERS = new Set([
  'your', 'my', 'here', 'changeme', 'change', 'replace', 'insert', 'enter', 'put', 'fill', 'example', 'sample', 'placeholder',
  'dummy', 'fake', 'redacted', 'todo', 'tbd', 'xxx', 'password', 'passwd', 'pwd', 'pass', 'secret', 'key', 'token', 'apikey',
  'value', 'goes', 'changethis', 'changeit', 'none', 'null', 'undefined', 'nil', 'removed', 'hidden', 'masked', 'omitted',
  'censored', 'sanitized', 'scrubbed', 'elided',
]);
// Naming words: a snake/kebab-case identifier holding one (`proxy_password`,
// `admin_pass`) is a variable's name pasted where its value goes.
const NAMING_MARKERS = new Set(['password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'key', 'apikey']);
const FILLER_WORDS = new Set([
  'me', 'the', 'a', 'this', 'with', 'real', 'actual', 'db', 'database', 'postgres', 'postgresql', 'pg', 'neon', 'app', 'api', 'access',
  'auth', 'private', 'public', 'new', 'old', 'default', 'super', 'strong', 'secure', 'user', 'admin', 'root', 'test', 'local', 'dev',
  'prod', 'production', 'stripe', 'openai', 'anthropic', 'aws', 'github', 'sendgrid', 'twilio', 'slack', 'google', 'mongo', 'mysql',
  'redis', 'smtp', 'mail', 'jwt', 'session', 'signing', 'webhook', 'client', 'service', 'role', 'account', 'of', 'for', 'to', 'in',
  'live', 'id', 'name', 'string', 'it', 'some', 'random', 'long', 'generated', 'own',
]);
const ALL_WORDS = [...MARKERS, ...FILLER_WORDS].sort((a, b) => b.length - a.length);
const MAX_WORDY_LENGTH = 64;

/** True when the value is a template, a mask, a documented example or test key, or placeholder wording. */
export function isPlaceholder(value: string): boolean {
  let text = value.trim();
  if (text === '') return true;
  try {
    text = decodeURIComponent(text);
  } catch {
    // keep it as written
  }
  if (TEMPLATE.test(text) || FILLER.test(text)) return true;
  if (DOCUMENTED_EXAMPLES.some((example) => example.test(text))) return true;
  return isPlaceholderWording(text);
}

/** "your_password_here", "changeme", "MyDbPassword": only placeholder words, one of them a marker. */
function isPlaceholderWording(text: string): boolean {
  if (text.length > MAX_WORDY_LENGTH || !/^[A-Za-z][A-Za-z0-9 _.-]*$/.test(text)) return false;
  const lowered = text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const chunks = lowered.split(/[ _.-]+/).filter((c) => c !== '');
  if (chunks.length >= 2 && chunks.length <= 4 && /^[a-z_-]+$/.test(lowered) && chunks.some((c) => NAMING_MARKERS.has(c))) return true;
  let sawMarker = false;
  for (const chunk of lowered.split(/[ _.-]+/)) {
    if (chunk === '') continue;
    const words = wordsOf(chunk.replace(/\d+$/, ''));
    if (words === 'unknown') return false;
    if (words === 'marked') sawMarker = true;
  }
  return sawMarker;
}

// Markers that say "placeholder" as a word of their own ("put_here", "none")
// but not joined to other words: "puta" reads as put+a, "myapp" as my+app,
// "putin" as put+in, and each is a real (weak) password.
const WEAK_IN_COMPOUND = new Set(['my', 'put', 'here', 'goes', 'enter', 'fill', 'insert', 'value', 'none', 'null', 'nil', 'undefined']);

/**
 * A chunk with no separator: one known word, or known words run together
 * ("mydbpassword"). `marked` when it reads as placeholder wording: a marker
 * alone, or a compound holding a marker that is not weak in compounds, with
 * one-letter words ("a") only between two others, as an article sits.
 */
function wordsOf(chunk: string): 'unknown' | 'words' | 'marked' {
  if (chunk === '') return 'words';
  if (MARKERS.has(chunk)) return 'marked';
  if (FILLER_WORDS.has(chunk)) return 'words';
  // reach[i]: -1 no reading of chunk[0, i) in known words; 0 one without a strong marker; 1 one with.
  const reach = new Int8Array(chunk.length + 1).fill(-1);
  reach[0] = 0;
  for (let i = 0; i < chunk.length; i++) {
    const before = reach[i] as number;
    if (before < 0) continue;
    for (const word of ALL_WORDS) {
      const end = i + word.length;
      if (!chunk.startsWith(word, i) || (word.length === 1 && (i === 0 || end === chunk.length))) continue;
      const strong = MARKERS.has(word) && !WEAK_IN_COMPOUND.has(word) ? 1 : 0;
      reach[end] = Math.max(reach[end] as number, before | strong);
    }
  }
  const last = reach[chunk.length];
  return last === 1 ? 'marked' : last === 0 ? 'words' : 'unknown';
}
