/** What replaces a secret in every snapshot and metadata file. */
export const REDACTED = '<redacted>';

/**
 * Parts of a name that mark its value as secret, matched anywhere in the name, case-insensitively
 * (`GITHUB_TOKEN`, `aws_secret_access_key`, `WANDB_API_KEY`, `PGPASSWORD`, `sessionId`).
 * Over-matching (`KEYBOARD`, `AUTHOR`) is accepted: a lost value costs less than a leaked one.
 */
export const SECRET_NAME_PARTS: readonly string[] = [
  'TOKEN',
  'SECRET',
  'KEY',
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'AUTH',
  'CREDENTIAL',
  'COOKIE',
  'SESSION',
  'PRIVATE',
  'SIGNATURE',
  'CONNECTION_STRING',
  'DSN',
];

const SECRET_NAME = new RegExp(SECRET_NAME_PARTS.join('|'), 'i');

/** `scheme://userinfo@`: a URL carrying a user, a password or a token. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;

/** Well-known token shapes (GitHub, Slack, AWS access key ids, Hugging Face), whatever the name holding them. */
const TOKEN_SHAPES = /\b(?:gh[opsur]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abeprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|hf_[A-Za-z0-9]{20,})\b/g;

/** True when a variable or config key's name says it holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Redacts what a value shows of a secret whatever its name: URL credentials (`https://<redacted>@host`) and known token shapes. */
export function redactSecretText(value: string): string {
  if (!value.includes('://') && !/gh|github_pat_|xox|AKIA|hf_/.test(value)) return value;
  return value.replace(URL_CREDENTIALS, `$1${REDACTED}@`).replace(TOKEN_SHAPES, REDACTED);
}

/**
 * A deep copy of a config-like value with secrets replaced by `<redacted>`: the value of every key
 * whose name is secret (whole subtrees too), and credentials inside any string.
 */
export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return redactSecretText(value);
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value !== 'object' || value === null || !isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretName(key) && item !== null && item !== undefined && item !== '' ? REDACTED : redactSecrets(item);
  }
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
