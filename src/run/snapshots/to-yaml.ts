import { stringify } from 'yaml';
import { Pair, YAMLMap } from 'yaml';
import type { DocumentOptions, ScalarTag, SchemaOptions, Scalar, ToStringOptions } from 'yaml';
import { IntegralFloat } from '../../overrides/to-config-value.js';
import { formatPythonFloat } from '../../overrides/python-float.js';

/** A value that must print as a float (`1.0`, `1.0e-05`, `.inf`), whatever JS thinks of it. */
class PyFloat {
  constructor(readonly value: number) {}
}

/** PyYAML's float representer: `repr()`, with `.0` added to a bare exponent (`1e-05` -> `1.0e-05`). */
function pyyamlFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  const text = formatPythonFloat(value);
  return !text.includes('.') && text.includes('e') ? text.replace('e', '.0e') : text;
}

const floatTag: ScalarTag = {
  identify: (value: unknown) => value instanceof PyFloat,
  default: true,
  tag: 'tag:yaml.org,2002:float',
  resolve: (text: string) => Number(text),
  stringify: (item: Scalar) => pyyamlFloat((item.value as PyFloat).value),
};

/**
 * OmegaConf.to_yaml's look: block style, keys in insertion order, sequences not indented under
 * their key, YAML 1.1 quoting (`'y'`, `'on'`, `'1.0'` quoted), no line folding.
 */
const OPTIONS: DocumentOptions & SchemaOptions & ToStringOptions = {
  version: '1.1',
  customTags: (tags) => [floatTag, ...tags],
  indentSeq: false,
  lineWidth: 0,
  singleQuote: true,
};

/**
 * The one YAML writer of every snapshot (`config.yaml`, `overrides.yaml`, `hydra.yaml`,
 * `multirun.yaml`). Ints (safe-integer numbers, bigints) print as ints; other numbers and
 * `IntegralFloat`s print as Python floats (`0.5`, `1.0`, `1.0e-05`, `.inf`); `undefined` entries
 * are left out; a `Map` keeps its order; a `Date` prints as ISO 8601.
 */
export function toYaml(value: unknown): string {
  return stringify(prepare(value), OPTIONS);
}

function prepare(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      // Ints beyond 2^53 arrive as bigints (see ConfigValue), so an unsafe integral number is a float.
      return Number.isSafeInteger(value) ? value : new PyFloat(value);
    case 'object':
      if (value === null) return null;
      if (value instanceof IntegralFloat) return new PyFloat(value.value);
      if (Array.isArray(value)) return value.map((item: unknown) => (item === undefined ? null : prepare(item)));
      if (value instanceof Map) return prepareMap(value);
      if (value instanceof Date) return value.toISOString();
      return prepareObject(value);
    default:
      return value;
  }
}

/** A plain YAML mapping in the Map's order (a bare Map would print as YAML 1.1's `!!omap`). */
function prepareMap(value: Map<unknown, unknown>): YAMLMap {
  const map = new YAMLMap();
  for (const [key, item] of value) if (item !== undefined) map.items.push(new Pair(key, prepare(item)));
  return map;
}

function prepareObject(value: object): unknown {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return prepare(toJSON.call(value));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) out[key] = prepare(item);
  }
  return out;
}
