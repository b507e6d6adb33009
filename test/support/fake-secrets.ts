// Fake secrets in the real formats, built at run time so the repository holds
// no key-shaped literal (push protection and secret scanners stay quiet) and
// every run uses the same values. Each carries "FAKE" where the format allows.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters from `alphabet`, pseudo-random from `seed` (digits and both cases show up). */
export function randomRun(seed: number, length: number, alphabet = ALNUM): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

const HEX = '0123456789abcdef';
const B64URL = `${ALNUM}-_`;

export const FAKE = {
  password: (seed = 1) => `Fk${randomRun(seed, 14)}9`,
  neonPassword: (seed = 2) => `npg_FAKE${randomRun(seed, 10)}`,
  openai: (seed = 3) => `sk-proj-FAKE${randomRun(seed, 40, `${ALNUM}_-`)}T3BlbkFJ${randomRun(seed + 1, 20)}`,
  openaiLegacy: (seed = 4) => `sk-FAKE${randomRun(seed, 16)}T3BlbkFJ${randomRun(seed + 1, 20)}`,
  anthropic: (seed = 5) => `sk-ant-api03-FAKE${randomRun(seed, 89, `${ALNUM}_-`)}AA`,
  stripeLive: (seed = 6) => `sk_live_51FAKE${randomRun(seed, 40)}`,
  stripeRestricted: (seed = 7) => `rk_live_51FAKE${randomRun(seed, 40)}`,
  stripeTest: (seed = 8) => `sk_test_51FAKE${randomRun(seed, 40)}`,
  stripeWebhook: (seed = 9) => `whsec_FAKE${randomRun(seed, 28)}`,
  awsKeyId: (seed = 10) => `AKIAFAKE${randomRun(seed, 12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  awsSecret: (seed = 11) => `FAKE${randomRun(seed, 36, `${ALNUM}/+`)}`,
  githubPat: (seed = 12) => `ghp_FAKE${randomRun(seed, 32)}`,
  githubFineGrained: (seed = 13) => `github_pat_11FAKE${randomRun(seed, 16)}_${randomRun(seed + 1, 59)}`,
  githubOauth: (seed = 14) => `gho_FAKE${randomRun(seed, 32)}`,
  slackBot: (seed = 15) => `xoxb-${randomRun(seed, 12, '0123456789')}-${randomRun(seed + 1, 12, '0123456789')}-FAKE${randomRun(seed + 2, 20)}`,
  slackWebhookPath: (seed = 16) => `T0FAKE${randomRun(seed, 5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/B0FAKE${randomRun(seed + 1, 5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/FAKE${randomRun(seed + 2, 20)}`,
  googleApiKey: (seed = 17) => `AIzaFAKE${randomRun(seed, 31, `${ALNUM}_-`)}`,
  neonApiKey: (seed = 18) => `napi_FAKE${randomRun(seed, 60)}`,
  twilioApiKey: (seed = 19) => `SK${randomRun(seed, 32, HEX)}`,
  sendgrid: (seed = 20) => `SG.FAKE${randomRun(seed, 18, B64URL)}.${randomRun(seed + 1, 43, B64URL)}`,
  npm: (seed = 21) => `npm_${randomRun(seed, 36)}`,
  jwt: (seed = 22) => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJGQUtFLSR7${randomRun(seed, 24, B64URL)}.${randomRun(seed + 1, 43, B64URL)}`,
  hexToken: (seed = 23) => randomRun(seed, 32, HEX),
  privateKey: (seed = 24, label = 'RSA PRIVATE KEY') =>
    `-----BEGIN ${label}-----\nMIIEpAIBAAKCAQEAFAKE${randomRun(seed, 44, `${ALNUM}+/`)}\n${randomRun(seed + 1, 64, `${ALNUM}+/`)}\n${randomRun(seed + 2, 40, `${ALNUM}+/`)}==\n-----END ${label}-----`,
};
