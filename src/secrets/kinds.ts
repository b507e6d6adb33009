// What a found secret is, in words a user reads in the rotation notice.

export const SECRET_KINDS = {
  url_password: 'a password inside a connection string',
  password_setting: 'a password setting',
  secret_setting: 'a secret, token or key setting',
  pgpass_password: 'a .pgpass password',
  sql_password: 'a password in a SQL statement',
  bearer_token: 'a bearer token',
  basic_auth: 'HTTP Basic credentials',
  private_key: 'a private key',
  jwt: 'a JSON Web Token',
  openai_key: 'an OpenAI API key',
  anthropic_key: 'an Anthropic API key',
  stripe_key: 'a Stripe secret key',
  stripe_webhook_secret: 'a Stripe webhook signing secret',
  aws_access_key_id: 'an AWS access key id',
  aws_secret_access_key: 'an AWS secret access key',
  github_token: 'a GitHub token',
  slack_token: 'a Slack token',
  slack_webhook: 'a Slack webhook URL',
  google_api_key: 'a Google API key',
  neon_api_key: 'a Neon API key',
  neon_password: 'a Neon role password',
  twilio_api_key: 'a Twilio API key',
  sendgrid_key: 'a SendGrid API key',
  npm_token: 'an npm token',
} as const;

export type SecretKind = keyof typeof SECRET_KINDS;

export interface SecretFinding {
  kind: SecretKind;
  /** Offsets of the secret value itself (not its label) in the original text. */
  start: number;
  end: number;
  /** A placeholder such as `[YOUR-PASSWORD]`, `****` or a documented test key: hidden, but nothing to rotate. */
  placeholder: boolean;
}
