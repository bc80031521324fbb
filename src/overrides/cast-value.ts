import { formatPythonFloat } from './python-float.js';
import { PythonTypeError } from './python-semantics.js';
import type { ElementValue, ItemValue, NumberElement } from './types.js';

/** The four casts of the grammar: `int()`, `float()`, `str()`, `bool()`. */
export type CastName = 'int' | 'float' | 'str' | 'bool';

const PY_INT_RE = /^[+-]?[0-9](?:_?[0-9])*$/;
const PY_FLOAT_RE = /^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const PY_SPECIAL_RE = /^[+-]?(?:inf|infinity|nan)$/i;
const MAX_FLOAT_INT = BigInt(Number.MAX_VALUE);

function fail(type: 'TypeError' | 'ValueError' | 'OverflowError' | 'AssertionError', message: string): never {
  throw new PythonTypeError(type, message);
}

/** Python `int(str)`. */
function intFromString(raw: string): bigint {
  const s = raw.trim();
  if (!PY_INT_RE.test(s)) fail('ValueError', `invalid literal for int() with base 10: '${raw}'`);
  const clean = s.replaceAll('_', '');
  return BigInt(clean.startsWith('+') ? clean.slice(1) : clean);
}

/** Python `float(str)`. */
function floatFromString(raw: string): number {
  const s = raw.trim();
  if (PY_SPECIAL_RE.test(s)) {
    const neg = s.startsWith('-');
    return s.toLowerCase().includes('nan') ? NaN : neg ? -Infinity : Infinity;
  }
  if (!PY_FLOAT_RE.test(s)) fail('ValueError', `could not convert string to float: '${raw}'`);
  return Number(s.replaceAll('_', ''));
}

function intToFloat(value: bigint): number {
  if (value > MAX_FLOAT_INT || value < -MAX_FLOAT_INT) fail('OverflowError', 'int too large to convert to float');
  return Number(value);
}

function castScalar(cast: CastName, value: ElementValue): ElementValue {
  if (value.kind === 'string' && value.quote !== null) return castScalar(cast, { kind: 'string', value: value.value, quote: null });
  switch (cast) {
    case 'int':
      switch (value.kind) {
        case 'int': return value;
        case 'bool': return { kind: 'int', value: value.value ? 1n : 0n };
        case 'float':
          if (Number.isNaN(value.value)) fail('ValueError', 'cannot convert float NaN to integer');
          if (!Number.isFinite(value.value)) fail('OverflowError', 'cannot convert float infinity to integer');
          return { kind: 'int', value: BigInt(Math.trunc(value.value)) };
        case 'string': return { kind: 'int', value: intFromString(value.value) };
        default: break;
      }
      break;
    case 'float':
      switch (value.kind) {
        case 'float': return value;
        case 'int': return { kind: 'float', value: intToFloat(value.value) };
        case 'bool': return { kind: 'float', value: value.value ? 1 : 0 };
        case 'string': return { kind: 'float', value: floatFromString(value.value) };
        default: break;
      }
      break;
    case 'str':
      switch (value.kind) {
        case 'string': return value;
        case 'int': return { kind: 'string', value: value.value.toString(), quote: null };
        case 'float': return { kind: 'string', value: formatPythonFloat(value.value), quote: null };
        case 'bool': return { kind: 'string', value: value.value ? 'true' : 'false', quote: null };
        default: break;
      }
      break;
    case 'bool':
      switch (value.kind) {
        case 'bool': return value;
        case 'int': return { kind: 'bool', value: value.value !== 0n };
        case 'float': return { kind: 'bool', value: value.value !== 0 };
        case 'string': {
          const lower = value.value.toLowerCase();
          if (lower === 'true') return { kind: 'bool', value: true };
          if (lower === 'false') return { kind: 'bool', value: false };
          fail('ValueError', `Cannot cast '${value.value}' to bool`);
        }
        // falls through: unreachable, fail() never returns
        default: break;
      }
      break;
  }
  return fail('AssertionError', `cannot cast ${value.kind} with ${cast}()`);
}

function castNumber(cast: CastName, value: NumberElement): NumberElement {
  return castScalar(cast, value) as NumberElement;
}

/** Applies a cast the way Hydra's `cast_*` functions do (recursing into containers and sweeps). */
export function castValue(cast: CastName, value: ItemValue): ItemValue {
  switch (value.kind) {
    case 'list':
      return { kind: 'list', items: value.items.map((item) => castValue(cast, item)) };
    case 'dict':
      return { kind: 'dict', entries: value.entries.map(([k, v]) => [k, castValue(cast, v)] as const) };
    case 'choice':
      return {
        kind: 'choice',
        items: value.items.map((item) => {
          const out = castValue(cast, item);
          if (out.kind === 'null' || out.kind === 'choice' || out.kind === 'range' || out.kind === 'interval' || out.kind === 'glob') {
            fail('AssertionError', `choice element cannot be cast with ${cast}()`);
          }
          return out;
        }),
        simpleForm: value.simpleForm,
        shuffle: false,
        tags: [],
      };
    case 'range':
      if (cast !== 'int' && cast !== 'float') fail('ValueError', 'Range can only be cast to int or float');
      return {
        kind: 'range',
        start: castNumber(cast, value.start),
        stop: castNumber(cast, value.stop),
        step: castNumber(cast, value.step),
        shuffle: false,
        tags: [],
      };
    case 'interval':
      if (cast !== 'int' && cast !== 'float') fail('ValueError', `Intervals cannot be cast to ${cast}`);
      return { kind: 'interval', start: castNumber(cast, value.start), end: castNumber(cast, value.end), tags: value.tags };
    case 'glob':
      return fail('AssertionError', `a glob cannot be cast with ${cast}()`);
    case 'null':
      // Hydra's cast_bool ends in Python's bool(value), so bool(null) is False; the other casts assert.
      if (cast === 'bool') return { kind: 'bool', value: false };
      return fail('AssertionError', `null cannot be cast with ${cast}()`);
    default:
      return castScalar(cast, value);
  }
}
