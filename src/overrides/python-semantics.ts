import type { ItemValue, NumberElement } from './types.js';

/**
 * The bits of Python value semantics the grammar functions rely on: `==` and
 * `<` between parsed values (for `sort()` and dict keys) and mixed int/float
 * arithmetic (for `range()` bounds). Failures throw a {@link PythonTypeError}
 * that the function evaluator turns into an OverrideParseError (its `cause`).
 *
 * Deliberately not an Error subclass: it never escapes the parser, and skipping
 * the stack capture keeps rejected overrides as cheap to parse as accepted ones.
 */
export class PythonTypeError {
  readonly name = 'PythonTypeError';

  constructor(
    readonly pythonType: 'TypeError' | 'ValueError' | 'OverflowError' | 'AssertionError',
    readonly message: string,
  ) {}
}

/** Python's type name of a parsed value, for messages. */
export function pythonTypeName(value: ItemValue | null | undefined): string {
  if (value === null || value === undefined) return 'NoneType';
  switch (value.kind) {
    case 'null': return 'NoneType';
    case 'bool': return 'bool';
    case 'int': return 'int';
    case 'float': return 'float';
    case 'string': return value.quote === null ? 'str' : 'QuotedString';
    case 'list': return 'list';
    case 'dict': return 'dict';
    case 'choice': return 'ChoiceSweep';
    case 'range': return 'RangeSweep';
    case 'interval': return 'IntervalSweep';
    case 'glob': return 'Glob';
  }
}

type Numeric = { readonly big: bigint } | { readonly float: number };

function numeric(value: ItemValue): Numeric | null {
  switch (value.kind) {
    case 'bool': return { big: value.value ? 1n : 0n };
    case 'int': return { big: value.value };
    case 'float': return { float: value.value };
    default: return null;
  }
}

/** Exact comparison of an int with a float; NaN compares as "unordered" (0). */
function compareBigFloat(a: bigint, f: number): number {
  if (Number.isNaN(f)) return 0;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  const floor = Math.floor(f);
  const fb = BigInt(floor);
  if (a < fb) return -1;
  if (a > fb) return 1;
  return floor === f ? 0 : -1;
}

function compareNumeric(a: Numeric, b: Numeric): number {
  if ('big' in a && 'big' in b) return a.big < b.big ? -1 : a.big > b.big ? 1 : 0;
  if ('big' in a && 'float' in b) return compareBigFloat(a.big, b.float);
  if ('float' in a && 'big' in b) return -compareBigFloat(b.big, a.float);
  const x = (a as { float: number }).float;
  const y = (b as { float: number }).float;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares strings by code point, as Python does. */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Python `a == b` between parsed values. */
export function pythonEquals(a: ItemValue, b: ItemValue): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null || nb !== null) {
    if (na === null || nb === null) return false;
    if (('float' in na && Number.isNaN(na.float)) || ('float' in nb && Number.isNaN(nb.float))) return false;
    return compareNumeric(na, nb) === 0;
  }
  if (a.kind === 'string' && b.kind === 'string') return a.value === b.value && a.quote === b.quote;
  if (a.kind === 'null' && b.kind === 'null') return true;
  if (a.kind === 'list' && b.kind === 'list') {
    return a.items.length === b.items.length && a.items.every((x, i) => pythonEquals(x, b.items[i] as ItemValue));
  }
  if (a.kind === 'dict' && b.kind === 'dict') {
    return (
      a.entries.length === b.entries.length &&
      a.entries.every(([k, v]) => b.entries.some(([k2, v2]) => pythonEquals(k, k2) && pythonEquals(v, v2)))
    );
  }
  return a === b;
}

/** Python ordering (`<`) between parsed values; throws TypeError for types Python cannot order. */
export function pythonCompare(a: ItemValue, b: ItemValue): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null && nb !== null) return compareNumeric(na, nb);
  if (a.kind === 'string' && b.kind === 'string' && a.quote === null && b.quote === null) {
    return compareCodePoints(a.value, b.value);
  }
  if (a.kind === 'list' && b.kind === 'list') {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      const x = a.items[i] as ItemValue;
      const y = b.items[i] as ItemValue;
      if (!pythonEquals(x, y)) return pythonCompare(x, y);
    }
    return a.items.length - b.items.length;
  }
  throw new PythonTypeError(
    'TypeError',
    `'<' not supported between instances of '${pythonTypeName(a)}' and '${pythonTypeName(b)}'`,
  );
}

/** Python's stable `sorted(items, reverse=...)`. */
export function pythonSorted<T extends ItemValue>(items: readonly T[], reverse: boolean): T[] {
  const sign = reverse ? -1 : 1;
  return [...items].sort((x, y) => sign * pythonCompare(x, y));
}

function asFloat(n: NumberElement): number {
  return n.kind === 'float' ? n.value : Number(n.value);
}

/** `a + b` with Python's int/float promotion. */
export function addNumbers(a: NumberElement, b: NumberElement): NumberElement {
  if (a.kind === 'int' && b.kind === 'int') return { kind: 'int', value: a.value + b.value };
  return { kind: 'float', value: asFloat(a) + asFloat(b) };
}

/** `-a`. */
export function negateNumber(a: NumberElement): NumberElement {
  return a.kind === 'int' ? { kind: 'int', value: -a.value } : { kind: 'float', value: -a.value };
}

/** `abs(a)`. */
export function absNumber(a: NumberElement): NumberElement {
  return a.kind === 'int' ? { kind: 'int', value: a.value < 0n ? -a.value : a.value } : { kind: 'float', value: Math.abs(a.value) };
}

/** `a < b` / `a > b` as -1/0/1 (NaN: 0). */
export function compareNumbers(a: NumberElement, b: NumberElement): number {
  return pythonCompare(a, b);
}
