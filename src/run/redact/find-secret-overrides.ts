import { redactText } from './redact-text.js';

/** One override that carries a secret, and the variable its value could come from instead. */
export interface SecretOverride {
  /** The override's key as typed (`wandb.api_key`, `+db.url`). */
  readonly key: string;
  /** A variable name for `${oc.env:...}`: the key in upper snake case (`WANDB_API_KEY`). */
  readonly envName: string;
}

/** The overrides whose text the redaction policy would change, each key once, in order. */
export function findSecretOverrides(overrides: Iterable<string>): SecretOverride[] {
  const found = new Map<string, SecretOverride>();
  for (const text of overrides) {
    if (redactText(text) === text) continue;
    const eq = text.indexOf('=');
    const key = (eq < 0 ? text : text.slice(0, eq)).trim();
    if (found.has(key)) continue;
    const envName = key.replace(/^[+~]+/, '').split('@')[0]!.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'SECRET';
    found.set(key, { key, envName });
  }
  return [...found.values()];
}

/**
 * The one warning a launch gives when secrets were typed as overrides: they are kept out of
 * every record, but the job's config.yaml (and its command line, for a process job) still
 * holds them. Null when there is nothing to say.
 */
export function secretOverridesWarning(overrides: Iterable<string>): string | null {
  const found = findSecretOverrides(overrides);
  if (found.length === 0) return null;
  const keys = found.map((f) => f.key).join(', ');
  const example = found[0] as SecretOverride;
  return (
    `The override${found.length === 1 ? '' : 's'} ${keys} look${found.length === 1 ? 's' : ''} like a secret. ` +
    "It is redacted from the launch's records (hydra.yaml, overrides.yaml, multirun.yaml, metadata.json, events.jsonl), " +
    "but the job's own config.yaml and environment keep it, and so may your shell history. Pass it through the environment instead: " +
    `export ${example.envName}=... and write ${example.key.replace(/^[+~]+/, (p) => p)}='\${oc.env:${example.envName}}'.`
  );
}
