// What both example callbacks log about a job: its overrides as params, its numeric results as metrics.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `a.b=1` -> ['a.b', '1'] for each override as typed (`+`/`++`/`~` prefixes dropped). */
export function overridePairs(overrides) {
  return overrides.flatMap((text) => {
    const at = text.indexOf('=');
    return at <= 0 ? [] : [[text.slice(0, at).replace(/^(\+\+|\+|~)/, ''), text.slice(at + 1)]];
  });
}

/** Scalars of a result, flattened to dotted keys (`val.acc`); a bare number is `result`. */
export function flatten(value, prefix = '') {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { [prefix || 'result']: value };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out = {};
  for (const [key, inner] of Object.entries(value)) Object.assign(out, flatten(inner, prefix ? `${prefix}.${key}` : key));
  return out;
}

/** A job's result fields: its `metrics.json` (if it wrote one), then its return value (which wins). */
export async function resultFields(payload) {
  let metrics = {};
  try {
    metrics = JSON.parse(await readFile(join(payload.outputDir, 'metrics.json'), 'utf8'));
  } catch {
    // no metrics.json: only the return value counts
  }
  const returned = payload.outcome.status === 'completed' ? payload.outcome.result : null;
  return { ...flatten(metrics), ...(returned === null || returned === undefined ? {} : flatten(returned)) };
}
