// What the checklist knows per provider: the variables an app conventionally
// reads, where the secret lives, how an app loads it, what an attacker can do
// with it once committed, and where to rotate it, from the provider's docs.
import type { SecretKind } from '../kinds.ts';

export type ProviderId =
  | 'postgres'
  | 'stripe'
  | 'openai'
  | 'anthropic'
  | 'aws'
  | 'github'
  | 'slack'
  | 'google'
  | 'sendgrid'
  | 'twilio'
  | 'smtp'
  | 'sentry'
  | 'redis'
  | 'app_secret'
  | 'unknown';

export interface Provider {
  id: ProviderId;
  name: string;
  /** Words in an app's description that say it uses this provider. */
  mentions: RegExp;
  /** Conventional variable names, the first is the one a description yields. */
  variables: readonly string[];
  /** Key shapes src/secrets recognises as this provider's. */
  kinds: readonly SecretKind[];
  ifCommitted: string;
  /** Where to rotate, with the doc that says so. */
  rotate: string;
  /** Where to look for use by someone else. */
  checkUse: string;
}

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'postgres',
    name: 'PostgreSQL (Neon)',
    mentions: /\b(?:neon|postgres(?:ql)?|supabase|database|db|prisma|sqlalchemy|typeorm|drizzle)\b/i,
    variables: ['DATABASE_URL', 'DATABASE_URL_UNPOOLED', 'PGPASSWORD', 'POSTGRES_PASSWORD', 'DB_PASSWORD'],
    kinds: ['url_password', 'neon_password', 'pgpass_password'],
    ifCommitted: 'Anyone who reads the repository can connect as that role: read and change every table it can reach, drop data, and use the compute you pay for.',
    rotate:
      'Reset the role password: Neon Console → your project → Branches → the branch → Roles & Databases → the role\'s menu → Reset password; the old password stops working at once (https://neon.com/faqs/reset-database-password). Elsewhere `ALTER ROLE app WITH PASSWORD ...`. Then update DATABASE_URL wherever it is set.',
    checkUse: 'Look for sessions you do not recognise: `SELECT usename, client_addr, backend_start FROM pg_stat_activity;` and the Neon console Monitoring page.',
  },
  {
    id: 'stripe',
    name: 'Stripe',
    mentions: /\bstripe\b|\bpayments?\b/i,
    variables: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
    kinds: ['stripe_key', 'stripe_webhook_secret'],
    ifCommitted: 'A live secret key can create charges and refunds, read customers and payouts, and change your account; a webhook secret lets anyone forge events your app trusts.',
    rotate: 'Roll the key: Stripe Dashboard → Developers → API keys → the key\'s menu → Roll key (https://docs.stripe.com/keys#rolling-keys); for a webhook secret, Developers → Webhooks → the endpoint → Roll secret.',
    checkUse: 'Stripe Dashboard → Developers → Logs: requests made with the key from addresses that are not yours.',
  },
  {
    id: 'openai',
    name: 'OpenAI',
    mentions: /\b(?:openai|gpt(?:-?\d\w*)?|chatgpt)\b/i,
    variables: ['OPENAI_API_KEY'],
    kinds: ['openai_key'],
    ifCommitted: 'Anyone can run models on your account and your bill until the limit, and read what your project stored (files, assistants).',
    rotate: 'Revoke it and create a new one on the API keys page of the OpenAI platform (https://platform.openai.com/api-keys).',
    checkUse: 'The Usage page of https://platform.openai.com for requests you did not make.',
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    mentions: /\b(?:anthropic|claude)\b/i,
    variables: ['ANTHROPIC_API_KEY'],
    kinds: ['anthropic_key'],
    ifCommitted: 'Anyone can run models on your account and your bill until the spend limit.',
    rotate: 'Delete the key and create a new one in the Anthropic Console → Settings → API keys (https://console.anthropic.com/settings/keys).',
    checkUse: 'The Console Usage page for requests you did not make.',
  },
  {
    id: 'aws',
    name: 'AWS',
    mentions: /\b(?:aws|s3|amazon|ses|sqs|lambda)\b/i,
    variables: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    kinds: ['aws_access_key_id', 'aws_secret_access_key'],
    ifCommitted: 'Whatever the IAM user may do: read and delete S3 data, start instances (crypto mining on your bill), send mail. Bots scan public commits for these keys within minutes.',
    rotate:
      'Create a second access key, switch the app to it, then deactivate and delete the exposed one: IAM console → Users → the user → Security credentials → Access keys (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console).',
    checkUse: 'CloudTrail event history filtered by the access key id, and the billing console for resources you did not start.',
  },
  {
    id: 'github',
    name: 'GitHub',
    mentions: /\bgithub\b/i,
    variables: ['GITHUB_TOKEN'],
    kinds: ['github_token'],
    ifCommitted: 'Whatever the token is scoped to: read private repositories, push code, change workflows and secrets.',
    rotate:
      'Delete or regenerate the token: GitHub → Settings → Developer settings → Personal access tokens (https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens).',
    checkUse: 'Your security log (Settings → Security log) and the organisation audit log.',
  },
  {
    id: 'slack',
    name: 'Slack',
    mentions: /\bslack\b/i,
    variables: ['SLACK_BOT_TOKEN', 'SLACK_WEBHOOK_URL'],
    kinds: ['slack_token', 'slack_webhook'],
    ifCommitted: 'Post as your app (phishing inside your workspace) and, with a bot token, read the channels it is in.',
    rotate: 'Revoke the token or regenerate the webhook at https://api.slack.com/apps → your app → OAuth & Permissions / Incoming Webhooks (https://api.slack.com/authentication/rotation).',
    checkUse: 'The workspace access logs and the app\'s activity.',
  },
  {
    id: 'google',
    name: 'Google Cloud',
    mentions: /\b(?:google|gcp|gemini|maps|firebase)\b/i,
    variables: ['GOOGLE_API_KEY'],
    kinds: ['google_api_key'],
    ifCommitted: 'Calls to every API the key is not restricted from, on your quota and bill.',
    rotate: 'Google Cloud console → APIs & Services → Credentials → the key → Regenerate key, or delete it (https://cloud.google.com/docs/authentication/api-keys#rotate).',
    checkUse: 'APIs & Services → Metrics for traffic you did not send.',
  },
  {
    id: 'sendgrid',
    name: 'SendGrid',
    mentions: /\bsendgrid\b/i,
    variables: ['SENDGRID_API_KEY'],
    kinds: ['sendgrid_key'],
    ifCommitted: 'Send mail as your domain: spam and phishing that ruin its reputation.',
    rotate: 'SendGrid → Settings → API Keys → delete the key, create a new one (https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys).',
    checkUse: 'Activity Feed for mail you did not send.',
  },
  {
    id: 'twilio',
    name: 'Twilio',
    mentions: /\b(?:twilio|sms)\b/i,
    variables: ['TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY_SECRET'],
    kinds: ['twilio_api_key'],
    ifCommitted: 'Send SMS and make calls on your bill (toll fraud), read message logs.',
    rotate: 'Twilio Console → Account → API keys & tokens: create a secondary auth token, promote it, or delete the API key (https://www.twilio.com/docs/iam/api/authtoken).',
    checkUse: 'Monitor → Logs for messages and calls you did not make.',
  },
  {
    id: 'smtp',
    name: 'SMTP mail',
    mentions: /\b(?:smtp|e-?mail|mail(?:gun|jet)?|postmark)\b/i,
    variables: ['SMTP_PASSWORD'],
    kinds: [],
    ifCommitted: 'Send mail as your address through your provider: spam and phishing in your name.',
    rotate: 'Change the SMTP password (or app password) in your mail provider\'s account settings, then update SMTP_PASSWORD.',
    checkUse: 'The provider\'s sent-mail log.',
  },
  {
    id: 'sentry',
    name: 'Sentry',
    mentions: /\bsentry\b/i,
    variables: ['SENTRY_DSN', 'SENTRY_AUTH_TOKEN'],
    kinds: [],
    ifCommitted: 'A DSN only lets others send events (noise and quota use; Sentry treats it as public, https://docs.sentry.io/concepts/key-terms/dsn-explainer/); an auth token can read your issues and change projects.',
    rotate: 'Sentry → Project Settings → Client Keys (DSN) → revoke and generate a key; auth tokens under User Settings → Auth Tokens.',
    checkUse: 'Project stats for event volume you did not cause.',
  },
  {
    id: 'redis',
    name: 'Redis',
    mentions: /\b(?:redis|upstash|valkey)\b/i,
    variables: ['REDIS_URL'],
    kinds: [],
    ifCommitted: 'Read and overwrite cached data and sessions (log in as any user whose session is cached).',
    rotate: 'Reset the database password in your Redis provider\'s console (or `ACL SETUSER`), then update REDIS_URL.',
    checkUse: '`CLIENT LIST` and the provider\'s connection metrics.',
  },
  {
    id: 'app_secret',
    name: 'your app (signing secret)',
    mentions: /\b(?:jwt|sessions?|auth(?:entication)?|login|django|flask|nextauth|cookies?)\b/i,
    variables: ['JWT_SECRET', 'SECRET_KEY', 'SESSION_SECRET'],
    kinds: ['jwt'],
    ifCommitted: 'Forge session cookies or tokens and log in as any user, admins included.',
    rotate: 'Generate a new random value (`openssl rand -hex 32`), set it where the app runs and redeploy: every existing session or token is then invalid.',
    checkUse: 'Your app\'s logs for logins and tokens you cannot account for.',
  },
];

export const UNKNOWN_PROVIDER: Provider = {
  id: 'unknown',
  name: 'unknown provider',
  mentions: /$^/,
  variables: [],
  kinds: [],
  ifCommitted: 'Whatever the service that issued it allows its holder to do.',
  rotate: 'Revoke it at the service that issued it and create a new one.',
  checkUse: 'That service\'s access or audit log.',
};

export function providerOfVariable(name: string): Provider | null {
  const upper = name.toUpperCase();
  const exact = PROVIDERS.find((p) => p.variables.includes(upper));
  if (exact !== undefined) return exact;
  const prefixed = PROVIDERS.find((p) => p.id !== 'app_secret' && p.id !== 'unknown' && upper.startsWith(`${p.id.toUpperCase()}_`));
  if (prefixed !== undefined) return prefixed;
  if (/^(?:PG|POSTGRES|DB|DATABASE)_?/.test(upper)) return PROVIDERS[0] as Provider;
  if (/(?:JWT|SESSION|COOKIE)_?SECRET|^SECRET_KEY(?:_BASE)?$|^NEXTAUTH_SECRET$/.test(upper)) return PROVIDERS.find((p) => p.id === 'app_secret') as Provider;
  return null;
}

export function providerOfKind(kind: SecretKind): Provider | null {
  return PROVIDERS.find((p) => p.kinds.includes(kind)) ?? null;
}
