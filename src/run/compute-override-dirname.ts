import { redactText } from './redact/redact-text.js';

/** How `hydra.job.override_dirname` is assembled (`hydra.job.config.override_dirname`). */
export interface OverrideDirnameOptions {
  /** Put between a key and its value (replaces every `=`). @default '=' */
  readonly kv_sep: string;
  /** Put between overrides. @default ',' */
  readonly item_sep: string;
  /** Keys (without `+`/`++`/`~` or `@package`) left out of the name, e.g. `seed`. @default [] */
  readonly exclude_keys: readonly string[];
}

/** The key an override names, as Hydra's `Override.key_or_group`: no `+`/`++`/`~` prefix, no `@package`. */
export function overrideKeyOrGroup(override: string): string {
  const eq = override.indexOf('=');
  const keyElement = (eq === -1 ? override : override.slice(0, eq)).trim();
  const key = keyElement.replace(/^(\+\+|\+|~)/, '');
  const at = key.indexOf('@');
  return at === -1 ? key : key.slice(0, at);
}

/** Python's `str` ordering: by code point, not UTF-16 unit (they differ above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const x = left[i]!.codePointAt(0)!;
    const y = right[i]!.codePointAt(0)!;
    if (x !== y) return x - y;
  }
  return left.length - right.length;
}

/**
 * Hydra 1.3's `get_overrides_dirname`: the job's task overrides as typed, minus excluded keys,
 * sorted, joined with `item_sep`, then every `=` (values' too, as Hydra does) becomes `kv_sep`.
 * Overrides of `hydra.*` are left out: Hydra never counts them among a job's task overrides.
 * Unlike Hydra, secrets are redacted first (`db.password=<redacted>`): the dirname names
 * folders and lands in every record, so a secret in it would leak everywhere.
 */
export function computeOverrideDirname(overrides: readonly string[], opts: OverrideDirnameOptions): string {
  const excluded = new Set(opts.exclude_keys);
  const lines = overrides.filter((line) => {
    const key = overrideKeyOrGroup(line);
    return !excluded.has(key) && key !== 'hydra' && !key.startsWith('hydra.') && !key.startsWith('hydra/');
  });
  const joined = lines.map(redactText).sort(compareCodePoints).join(opts.item_sep);
  return joined.replaceAll('=', opts.kv_sep);
}
