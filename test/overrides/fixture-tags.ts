// Converts parsed values to the tagged JSON form of test/fixtures/conformance (see its README).
import { formatPythonFloat } from '../../src/overrides/index.js';
import type { ItemValue } from '../../src/overrides/index.js';

/** A tagged value as the fixtures spell it. */
export type Tagged = Record<string, unknown>;

const SAFE = 9007199254740991n;

/** The fixture tag of a parsed value; tags of sweeps are sorted because Hydra keeps them in a set. */
export function toTagged(value: ItemValue): Tagged {
  switch (value.kind) {
    case 'null':
      return { t: 'null' };
    case 'bool':
      return { t: 'bool', v: value.value };
    case 'int':
      return { t: 'int', v: value.value > SAFE || value.value < -SAFE ? value.value.toString() : Number(value.value) };
    case 'float':
      return { t: 'float', v: formatPythonFloat(value.value) };
    case 'string':
      return value.quote === null ? { t: 'str', v: value.value } : { t: 'quoted', v: value.value, quote: value.quote };
    case 'list':
      return { t: 'list', v: value.items.map(toTagged) };
    case 'dict':
      return { t: 'dict', v: value.entries.map(([k, v]) => [toTagged(k), toTagged(v)]) };
    case 'choice':
      return { t: 'choice', list: value.items.map(toTagged), simple_form: value.simpleForm, shuffle: value.shuffle, tags: [...value.tags].sort() };
    case 'range':
      return { t: 'range', start: toTagged(value.start), stop: toTagged(value.stop), step: toTagged(value.step), shuffle: value.shuffle, tags: [...value.tags].sort() };
    case 'interval':
      return { t: 'interval', start: toTagged(value.start), end: toTagged(value.end), tags: [...value.tags].sort() };
    case 'glob':
      return { t: 'glob', include: [...value.include], exclude: [...value.exclude] };
  }
}

/** Sorts `tags` arrays inside a fixture value so set order does not matter. */
export function normaliseTags(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseTags);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'tags' && Array.isArray(v) ? [...v].sort() : normaliseTags(v);
    return out;
  }
  return value;
}
