import { IntegralFloat } from '../overrides/index.js';
import type { ScalarValue } from './yaml-scalars.js';

/**
 * The in-memory shape of a config during composition: plain objects (key order
 * is the merge order), arrays, and scalars. Ints beyond 2^53 are bigints and
 * integral floats are `IntegralFloat`, so `1` and `1.0` stay apart.
 */
export type ConfigNode = ScalarValue | ConfigNode[] | ConfigObject;

/** A mapping node. */
export interface ConfigObject {
  [key: string]: ConfigNode;
}

/** The `???` marker of a mandatory value. */
export const MISSING = '???';

/** True for a mapping node (not an array, not an `IntegralFloat`). */
export function isConfigObject(value: unknown): value is ConfigObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Deep copy; scalars (including `IntegralFloat`, which is immutable) are shared. */
export function cloneNode<T extends ConfigNode>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneNode(item)) as T;
  if (isConfigObject(value)) {
    const out: ConfigObject = {};
    for (const key of Object.keys(value)) setKey(out, key, cloneNode(value[key] as ConfigNode));
    return out as T;
  }
  return value;
}

/** Sets a key without letting `__proto__` reach the prototype. */
export function setKey(target: ConfigObject, key: string, value: ConfigNode): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** True for a string holding an unescaped `${...}` interpolation. */
export function isInterpolation(value: unknown): value is string {
  return typeof value === 'string' && /(^|[^\\])\$\{/.test(value);
}

/** Converts a config to JSON-ready data: `IntegralFloat` becomes its number, bigints their decimal text. */
export function toPlainData(value: unknown): unknown {
  if (value instanceof IntegralFloat) return value.value;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toPlainData);
  if (isConfigObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, { value: toPlainData(value[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Python's `str()` of a scalar: what string interpolation and dict keys show (`True`, `None`, `1.0`). */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value instanceof IntegralFloat) return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (value === Infinity) return 'inf';
    if (value === -Infinity) return '-inf';
    return Number.isInteger(value) ? String(value) : new IntegralFloat(value).toString();
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return pythonRepr(value);
}

/** Python's `repr()` of a value, which is what `str()` of a list or dict shows for its items. */
function pythonRepr(value: unknown): string {
  if (typeof value === 'string') return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (isConfigObject(value)) return `{${Object.keys(value).map((k) => `${pythonRepr(k)}: ${pythonRepr(value[k])}`).join(', ')}}`;
  return scalarText(value);
}
