import { IntegralFloat } from '../overrides/index.js';

/**
 * Plain YAML scalars resolved the way OmegaConf's loader resolves them: PyYAML's
 * YAML 1.1 SafeLoader rules (`on`/`off`/`yes`/`no` are booleans, `010` is octal,
 * `1:30` is sexagesimal) with OmegaConf's wider float pattern (`1e5` is a float)
 * and without timestamps. Unlike the `yaml` package's 1.1 schema, `y` and `n`
 * stay strings, as in PyYAML.
 */

const BOOL_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

/** A scalar value as composition stores it (see `ConfigValue` in the override module). */
export type ScalarValue = null | boolean | number | bigint | string | IntegralFloat;

/** Resolves an untagged plain (unquoted) scalar's text to its typed value. */
export function resolvePlainScalar(text: string): ScalarValue {
  if (NULL.test(text)) return null;
  if (BOOL_TRUE.test(text)) return true;
  if (BOOL_FALSE.test(text)) return false;
  if (FLOAT.test(text)) return makeFloat(parseYamlFloat(text));
  if (INT.test(text)) return makeInt(parseYamlInt(text));
  return text;
}

/** Applies an explicit core tag (`!!int`, `!!float`, `!!str`, `!!bool`, `!!null`); null when the tag is not one of them. */
export function resolveTaggedScalar(tag: string, text: string): ScalarValue | undefined {
  switch (tag) {
    case 'tag:yaml.org,2002:str':
      return text;
    case 'tag:yaml.org,2002:int':
      return INT.test(text) ? makeInt(parseYamlInt(text)) : undefined;
    case 'tag:yaml.org,2002:float':
      return FLOAT.test(text) || INT.test(text) ? makeFloat(parseYamlFloat(text)) : undefined;
    case 'tag:yaml.org,2002:bool':
      return BOOL_TRUE.test(text) ? true : BOOL_FALSE.test(text) ? false : undefined;
    case 'tag:yaml.org,2002:null':
      return null;
    default:
      return undefined;
  }
}

/** Wraps an integral float so `1.0` stays apart from `1`. */
export function makeFloat(value: number): number | IntegralFloat {
  return Number.isInteger(value) || Object.is(value, -0) ? new IntegralFloat(value) : value;
}

/** Keeps ints exact: a safe integer as a number, anything larger as a bigint. */
export function makeInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function parseYamlInt(raw: string): bigint {
  let text = raw.replace(/_/g, '');
  let sign = 1n;
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text.startsWith('-')) sign = -1n;
    text = text.slice(1);
  }
  if (text === '0') return 0n;
  if (text.startsWith('0b')) return sign * BigInt(`0b${text.slice(2)}`);
  if (text.startsWith('0x')) return sign * BigInt(`0x${text.slice(2)}`);
  if (text.startsWith('0')) return sign * BigInt(`0o${text.slice(1)}`);
  if (text.includes(':')) {
    let value = 0n;
    for (const part of text.split(':')) value = value * 60n + BigInt(part);
    return sign * value;
  }
  return sign * BigInt(text);
}

function parseYamlFloat(raw: string): number {
  let text = raw.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text.startsWith('-')) sign = -1;
    text = text.slice(1);
  }
  if (text === '.inf') return sign * Infinity;
  if (text === '.nan') return NaN;
  if (text.includes(':')) {
    let value = 0;
    for (const part of text.split(':')) value = value * 60 + Number(part);
    return sign * value;
  }
  return sign * Number(text);
}
