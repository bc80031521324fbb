import { redactText } from './redact-text.js';
import { REDACTED, isSecretName, looksLikeToken } from './secret-patterns.js';

/** Keys whose value is a set of environment variables: their values are judged as variables. */
const ENV_KEYS: ReadonlySet<string> = new Set(['env', 'env_set', 'environment']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True for a value worth hiding under a secret name (not null, not '', not a flag). */
function hasSecretValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '' && typeof value !== 'boolean';
}

/** One variable's value as it may be written: by its name, then by its look, then as text. */
function redactVariable(name: string, value: unknown): unknown {
  if (isSecretName(name) && hasSecretValue(value)) return REDACTED;
  if (typeof value !== 'string') return redactValue(value); // env_set may hold numbers before they are stringified
  return looksLikeToken(value) ? REDACTED : redactText(value);
}

/**
 * A deep copy of a record (an event, a snapshot node, a descriptor, a summary) as it may be
 * written to disk: the value of every key whose name is secret (whole subtrees too), variables
 * under `env` / `env_set` / `environment` judged by name and by look (see `looksLikeToken`),
 * and every string through `redactText`. Class instances other than plain objects and arrays
 * are kept as they are.
 */
export function redactRecord<T>(value: T): T {
  return redactValue(value) as T;
}

/**
 * `redactRecord` for one writer of many similar records (a launch's event log, its jobs'
 * `hydra.yaml`), which may name objects it knows to be redacted already (built and redacted once
 * per launch): those are kept as they are. (Verdicts on key names are kept by `isSecretName`.)
 */
export function createRecordRedactor(options: { readonly redacted?: ReadonlySet<object> } = {}): <T>(value: T) => T {
  return <T>(value: T): T => redactValue(value, options.redacted) as T;
}

// `redacted`: objects known to be their own redaction (built and redacted once per launch), kept as they are.
function redactValue(value: unknown, redacted?: ReadonlySet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (redacted !== undefined && typeof value === 'object' && value !== null && redacted.has(value)) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, redacted));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isSecretName(key) && hasSecretValue(item)) out[key] = REDACTED;
    else if (ENV_KEYS.has(key) && isPlainObject(item)) out[key] = redactEnvValues(item);
    else out[key] = redactValue(item, redacted);
  }
  return out;
}

function redactEnvValues(env: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(env)) out[name] = redactVariable(name, value);
  return out;
}

/**
 * The environment as it may be written to disk: secret-named variables (`GITHUB_TOKEN`,
 * `PGPASSWORD`, `KAGGLE_KEY`) and values that look like generated credentials whatever the
 * name get `<redacted>`; other values lose URL userinfo and token shapes. Unset entries are
 * dropped; keys come out sorted so files diff well.
 */
export function redactEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value !== undefined) out[name] = redactVariable(name, value) as string;
  }
  return out;
}

/** Overrides as they may be written to disk (`wandb.api_key=<redacted>`); see `redactText`. */
export function redactOverrides(overrides: readonly string[]): string[] {
  return overrides.map(redactText);
}

/**
 * A command line as it may be written to disk: `--api-key=abc` and `--token abc` lose their
 * value, every other argument goes through `redactText` (overrides such as `db.password=x`).
 */
export function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  let hideNext = false;
  for (const arg of argv) {
    if (hideNext && !arg.startsWith('-')) {
      out.push(REDACTED);
      hideNext = false;
      continue;
    }
    hideNext = false;
    const flag = /^--?([A-Za-z0-9_.-]+)(=)?/.exec(arg);
    if (flag?.[1] !== undefined && isSecretName(flag[1])) {
      if (flag[2] === '=') {
        out.push(arg.slice(flag[0].length) === '' ? arg : `${flag[0]}${REDACTED}`);
        continue;
      }
      hideNext = true;
      out.push(arg);
      continue;
    }
    out.push(redactText(arg));
  }
  return out;
}
