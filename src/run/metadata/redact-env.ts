import { REDACTED, isSecretName, redactSecretText } from './redact-secrets.js';

/**
 * The environment as it may be written to disk: variables whose NAME looks secret (TOKEN, SECRET,
 * KEY, PASSWORD, AUTH, CREDENTIAL, COOKIE, SESSION, PRIVATE, ... anywhere, any case) get
 * `<redacted>`; other values lose URL credentials and known token shapes. Unset entries are dropped;
 * keys come out sorted so files diff well.
 */
export function redactEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined) continue;
    out[name] = isSecretName(name) && value !== '' ? REDACTED : redactSecretText(value);
  }
  return out;
}
