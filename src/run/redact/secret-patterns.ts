/**
 * The redaction policy's patterns, in one place: which names hold secrets, which values are
 * secrets whatever their name. Every record a launch writes goes through them (see
 * `redactRecord`); docs/run-folders.md lists them for users. Over-matching is accepted: a lost
 * value costs less than a leaked one.
 */

/** What replaces a secret in every record. */
export const REDACTED = '<redacted>';

/**
 * Words that mark a name as secret when they appear as a whole word of it (`db_pwd`, `apiKey`,
 * `KAGGLE_KEY`, `sessionId`). Words are split at `_ - . /` and camelCase boundaries.
 */
export const SECRET_NAME_WORDS: readonly string[] = [
  'key', 'token', 'pwd', 'pass', 'auth', 'bearer', 'jwt', 'pat', 'dsn', 'sas', 'otp', 'session', 'private',
  'cred', 'creds', 'signature', 'sig',
];

/**
 * Fragments that mark a name as secret anywhere in it, once lower-cased with separators
 * removed (`PGPASSWORD`, `aws_secret_access_key`, `GOOGLE_APPLICATION_CREDENTIALS`).
 */
export const SECRET_NAME_FRAGMENTS: readonly string[] = [
  'password', 'passwd', 'passphrase', 'secret', 'credential', 'apikey', 'accesskey', 'privatekey', 'webhook',
  'connectionstring', 'authorization', 'cookie', 'signingkey', 'encryptionkey', 'dsn',
];

/** `token` inside a longer word (`hftoken`), but not `tokens`, `tokenizer`, `tokenise`. */
const TOKEN_FRAGMENT = /token(?!s|iz|is)/;

/** Whole names that look secret by the rules above but are well-known harmless variables. */
const HARMLESS_NAMES: ReadonlySet<string> = new Set(['PWD', 'OLDPWD', 'pwd']);

const WORDS = new Set(SECRET_NAME_WORDS);
const FRAGMENTS = new RegExp(SECRET_NAME_FRAGMENTS.join('|'));

/** The words of a name: `WANDB_API_KEY` -> wandb, api, key; `apiKey` -> api, key. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Names whose verdict is kept: the same keys come in every record of a launch; past this (a result keyed by ids), names are judged anew. @default 4096 */
export const SECRET_VERDICT_MEMO_NAMES = 4096;
const verdicts = new Map<string, boolean>();

/** True when a variable, config key, flag or query parameter name says it holds a secret. */
export function isSecretName(name: string): boolean {
  // The policy is fixed, so a name's verdict never changes: judging one (splitting it into words) allocates on every record.
  let secret = verdicts.get(name);
  if (secret === undefined) {
    secret = judgeName(name);
    if (verdicts.size < SECRET_VERDICT_MEMO_NAMES) verdicts.set(name, secret);
  }
  return secret;
}

function judgeName(name: string): boolean {
  if (HARMLESS_NAMES.has(name)) return false;
  const words = wordsOf(name);
  if (words.some((w) => WORDS.has(w))) return true;
  const squashed = words.join('');
  return FRAGMENTS.test(squashed) || TOKEN_FRAGMENT.test(squashed);
}

/**
 * Well-known token shapes, redacted wherever they appear (any name, any record): each is a
 * prefix plus enough random characters that ordinary words do not match.
 */
export const TOKEN_SHAPES: ReadonlyArray<{ readonly name: string; readonly pattern: string }> = [
  { name: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)', pattern: 'gh[pousr]_[A-Za-z0-9]{20,}' },
  { name: 'GitHub fine-grained token (github_pat_)', pattern: 'github_pat_[A-Za-z0-9_]{20,}' },
  { name: 'GitLab token (glpat-, gldt-, glrt-, glptt-, glcbt-, glsoat-, glft-, glimt-, glagent-)', pattern: 'gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent)-[A-Za-z0-9_-]{20,}' },
  { name: 'Slack token (xoxb-, xoxa-, xoxp-, xoxr-, xoxs-, xoxe-, xapp-)', pattern: '(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]{10,}' },
  { name: 'OpenAI / Anthropic key (sk-, sk-proj-, sk-ant-)', pattern: 'sk-[A-Za-z0-9_-]{20,}' },
  { name: 'Stripe key (sk_live_, sk_test_, rk_live_, rk_test_, whsec_)', pattern: '(?:[sr]k_(?:live|test)|whsec)_[A-Za-z0-9]{10,}' },
  { name: 'AWS access key id (AKIA, ASIA)', pattern: 'A(?:KIA|SIA)[0-9A-Z]{16}' },
  { name: 'Hugging Face token (hf_)', pattern: 'hf_[A-Za-z0-9]{20,}' },
  { name: 'Google API key (AIza)', pattern: 'AIza[0-9A-Za-z_-]{35}' },
  { name: 'npm token (npm_)', pattern: 'npm_[A-Za-z0-9]{36}' },
  { name: 'PyPI token (pypi-)', pattern: 'pypi-[A-Za-z0-9_-]{50,}' },
  { name: 'SendGrid key (SG.)', pattern: 'SG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}' },
  { name: 'Databricks token (dapi)', pattern: 'dapi[0-9a-f]{32}' },
  { name: 'DigitalOcean token (dop_v1_, doo_v1_)', pattern: 'do[op]_v1_[0-9a-f]{64}' },
  { name: 'Shopify token (shpat_, shpss_, shpca_, shppa_)', pattern: 'shp(?:at|ss|ca|pa)_[0-9a-fA-F]{32}' },
  { name: 'JSON Web Token (eyJ...eyJ...)', pattern: 'eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]*' },
];

/** One regular expression for every token shape, matched at a word start. */
export const TOKEN_SHAPE = new RegExp(`(?<![A-Za-z0-9])(?:${TOKEN_SHAPES.map((t) => t.pattern).join('|')})`, 'g');

/** A PEM private key block (a missing END line: to the end of the text). */
export const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;

/**
 * True when a value with no telling name still looks like a generated credential: one word of
 * at least 24 URL-safe/base64 characters mixing letters and digits, with the character variety
 * of random data (Shannon entropy >= 3.5 bits per character). Used for environment variables,
 * whose names are often not telling (`MY_SERVICE=...`). Git hashes and UUIDs match too.
 */
export function looksLikeToken(value: string): boolean {
  if (value.length < 24 || value.length > 4096) return false;
  if (!/^[A-Za-z0-9_\-.+/=~]+$/.test(value) || value.startsWith('/') || value.startsWith('.') || value.includes('//')) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  // With a '/', only standard base64 (mixed case, no '_', '-' or '.') passes: otherwise it is a path.
  if (value.includes('/') && (!/^[A-Za-z0-9+/=]+$/.test(value) || !/[a-z]/.test(value) || !/[A-Z]/.test(value))) return false;
  return entropyBitsPerChar(value) >= 3.5;
}

function entropyBitsPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
