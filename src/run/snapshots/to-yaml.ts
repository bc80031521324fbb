import { stringify } from 'yaml';
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
 * `multirun.yaml`). Ints print as ints; non-integral numbers, `NaN`/`Infinity` and
 * `IntegralFloat`s print as Python floats (`0.5`, `1.0`, `1.0e-05`, `.inf`); `undefined` entries
 * are left out; a `Map` keeps its order; a `Date` prints as ISO 8601.
 */
export function toYaml(value: unknown): string {
  return stringify(prepare(value), OPTIONS);
}

function prepare(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value) || !Number.isInteger(value)) return new PyFloat(value);
      return Number.isSafeInteger(value) ? value : BigInt(value);
    case 'object':
      if (value === null) return null;
      if (value instanceof IntegralFloat) return new PyFloat(value.value);
      if (Array.isArray(value)) return value.map((item: unknown) => (item === undefined ? null : prepare(item)));
      if (value instanceof Map) return new Map(Array.from(value, ([k, v]: [unknown, unknown]) => [k, prepare(v)]));
      if (value instanceof Date) return value.toISOString();
      return prepareObject(value);
    default:
      return value;
  }
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
