import { OverrideValueError } from './override-value-error.js';
import type { DictKey, ItemValue } from './types.js';
import { formatPythonFloat } from './python-float.js';

/**
 * A float whose value is integral (`1.0`, `-0.0`, `1e+22`). JS numbers cannot
 * tell `1` from `1.0`, Hydra (and the `config.yaml` users read) can, so such
 * floats are wrapped. Non-integral and non-finite floats stay plain numbers.
 */
export class IntegralFloat {
  constructor(readonly value: number) {}

  /** Lets arithmetic and comparisons see the number. */
  valueOf(): number {
    return this.value;
  }

  /** Python's spelling, e.g. `1.0`, `-0.0`, `1e+22`. */
  toString(): string {
    return formatPythonFloat(this.value);
  }

  toJSON(): number {
    return this.value;
  }
}

/**
 * A plain JS config value:
 * - null, boolean, string;
 * - an int is a `number` when it is a safe integer, else a `bigint`;
 * - a float is a `number` when it is not integral (`0.5`, `NaN`, `Infinity`),
 *   else an {@link IntegralFloat} — so "integral number" always means int;
 * - lists are arrays, dicts are `Map`-free plain objects keyed by the key's text.
 */
export type ConfigValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | IntegralFloat
  | readonly ConfigValue[]
  | { readonly [key: string]: ConfigValue };

/**
 * Converts a parsed non-sweep value to the plain value composition merges into a config.
 * Quoted and unquoted strings both become strings. Throws OverrideValueError for a sweep.
 */
export function toConfigValue(value: ItemValue): ConfigValue {
  switch (value.kind) {
    case 'null':
      return null;
    case 'bool':
    case 'string':
      return value.value;
    case 'int':
      return value.value >= BigInt(Number.MIN_SAFE_INTEGER) && value.value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value.value)
        : value.value;
    case 'float':
      return Number.isInteger(value.value) ? new IntegralFloat(value.value) : value.value;
    case 'list':
      return value.items.map(toConfigValue);
    case 'dict': {
      const out: Record<string, ConfigValue> = {};
      // defineProperty, not assignment: a key named `__proto__` is data, never the object's prototype.
      for (const [key, item] of value.entries) Object.defineProperty(out, dictKeyText(key), { value: toConfigValue(item), enumerable: true, writable: true, configurable: true });
      return out;
    }
    default:
      throw new OverrideValueError(
        `a ${value.kind} sweep is not a config value; expand the sweep first (expandSweep) or remove it from the value`,
      );
  }
}

/** The text a dict key becomes as an object property (Python's `str()` of the key). */
export function dictKeyText(key: DictKey): string {
  switch (key.kind) {
    case 'null':
      return 'None';
    case 'bool':
      return key.value ? 'True' : 'False';
    case 'int':
      return key.value.toString();
    case 'float':
      return formatPythonFloat(key.value);
    case 'string':
      return key.value;
  }
}
