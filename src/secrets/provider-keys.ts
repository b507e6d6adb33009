// Provider keys, recognised by their documented prefixes and shapes. Each
// shape cites where it is from: the provider's docs, or the detector rule
// that encodes it (gitleaks/gitleaks config/gitleaks.toml at b58d3f1, rule
// ids quoted; secretlint/secretlint packages/@secretlint/secretlint-rule-*).
// Every quantifier is bounded so a pattern costs at most a few hundred steps
// per start position, whatever the paste (long runs of one character included).
import type { SecretKind } from './kinds.ts';

export interface KeyShape {
  kind: SecretKind;
  /** Global regex; group 1, when present, is the secret part of the match. */
  pattern: RegExp;
  /** A run of random characters has digits or mixed case; plain words do not. */
  mustLookRandom?: boolean;
  source: string;
}

export const KEY_SHAPES: readonly KeyShape[] = [
  {
    kind: 'anthropic_key',
    pattern: /\bsk-ant-(?:api|admin|sid|oat)\d{2}-[A-Za-z0-9_-]{20,200}/g,
    source: 'gitleaks rules anthropic-api-key, anthropic-admin-api-key (sk-ant-api03-…AA, sk-ant-admin01-…AA)',
  },
  {
    kind: 'openai_key',
    pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250}/g,
    mustLookRandom: true,
    source: 'gitleaks rule openai-api-key (sk-, sk-proj-, sk-svcacct-, sk-admin-; T3BlbkFJ marker); https://platform.openai.com/docs/api-reference/authentication',
  },
  {
    kind: 'stripe_key',
    pattern: /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,250}/g,
    source: 'gitleaks rule stripe-access-token; https://docs.stripe.com/keys (sk_live_ secret, rk_live_ restricted; *_test_ keys act on test data)',
  },
  {
    kind: 'stripe_webhook_secret',
    pattern: /\bwhsec_[A-Za-z0-9+/=]{20,250}/g,
    source: 'https://docs.stripe.com/webhooks#verify-official-libraries (endpoint signing secret whsec_…)',
  },
  {
    kind: 'aws_access_key_id',
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
    source: 'gitleaks rule aws-access-token; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
  {
    kind: 'github_token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,250}|github_pat_[A-Za-z0-9_]{22,250})/g,
    source: 'gitleaks rules github-pat, github-oauth, github-app-token, github-refresh-token, github-fine-grained-pat; https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
  },
  {
    kind: 'slack_token',
    pattern: /\bxox[abposer]-[0-9A-Za-z-]{10,250}|\bxapp-\d-[A-Z0-9]{6,40}-\d{6,20}-[a-z0-9]{20,100}/g,
    source: 'gitleaks rules slack-bot-token, slack-user-token, slack-app-token, slack-legacy-token; https://api.slack.com/authentication/token-types',
  },
  {
    kind: 'slack_webhook',
    // The path after /services/ is the secret; the host stays readable.
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/]{20,120})/g,
    source: 'gitleaks rule slack-webhook-url; https://api.slack.com/messaging/webhooks',
  },
  {
    kind: 'google_api_key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}/g,
    source: 'gitleaks rule gcp-api-key; https://cloud.google.com/docs/authentication/api-keys',
  },
  {
    kind: 'neon_api_key',
    pattern: /\bnapi_[A-Za-z0-9]{20,200}/g,
    source: 'https://neon.tech/docs/manage/api-keys (keys start with napi_)',
  },
  {
    kind: 'neon_password',
    pattern: /\bnpg_[A-Za-z0-9]{12,100}/g,
    source: 'Neon console "Connect" strings: role passwords generated since 2024 start with npg_',
  },
  {
    kind: 'twilio_api_key',
    pattern: /\bSK[0-9a-fA-F]{32}\b/g,
    source: 'gitleaks rule twilio-api-key; https://www.twilio.com/docs/iam/api-keys (API key SIDs start with SK)',
  },
  {
    kind: 'sendgrid_key',
    pattern: /\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,64}/g,
    source: 'gitleaks rule sendgrid-api-token; https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
  },
  {
    kind: 'npm_token',
    pattern: /\bnpm_[A-Za-z0-9]{36}\b/g,
    source: 'gitleaks rule npm-access-token; https://docs.npmjs.com/about-access-tokens',
  },
  {
    kind: 'jwt',
    // header.payload.signature, base64url; both JSON parts start {" = eyJ.
    pattern: /\beyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{0,2000}/g,
    source: 'gitleaks rule jwt; RFC 7519 section 3 (compact serialization)',
  },
];

/** Digits, or upper and lower case together: what generated keys have and words do not. */
export function looksRandom(value: string): boolean {
  return /\d/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value));
}
