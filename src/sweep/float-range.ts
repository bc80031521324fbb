import type { NumberElement } from '../overrides/types.js';

/**
 * Hydra 1.3's `FloatRange`: bounds converted exactly with `decimal.Decimal`,
 * the step added with Python's default decimal context (28 significant digits,
 * half-even), each value converted back with `float()`. This is why
 * `range(0,1,0.1)` yields `0.3` but `0.7000000000000001`.
 */
interface Dec {
  readonly c: bigint;
  readonly e: number;
}

const PRECISION = 28;
const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** Exact decimal value of a finite double. */
function decFromFloat(x: number): Dec {
  if (x === 0) return { c: 0n, e: 0 };
  F64[0] = x;
  const bits = U64[0] as bigint;
  const negative = bits >> 63n === 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let k: number;
  if (exp === 0) k = -1074;
  else {
    mant |= 1n << 52n;
    k = exp - 1075;
  }
  let c: bigint;
  let e: number;
  if (k >= 0) {
    c = mant << BigInt(k);
    e = 0;
  } else {
    c = mant * 5n ** BigInt(-k);
    e = k;
  }
  return { c: negative ? -c : c, e };
}

function decFromNumber(n: NumberElement): Dec {
  return n.kind === 'int' ? { c: n.value, e: 0 } : decFromFloat(n.value);
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  if (a.e === b.e) return [a.c, b.c, a.e];
  if (a.e > b.e) return [a.c * 10n ** BigInt(a.e - b.e), b.c, b.e];
  return [a.c, b.c * 10n ** BigInt(b.e - a.e), a.e];
}

function digits(c: bigint): number {
  return (c < 0n ? -c : c).toString().length;
}

/** Rounds to the context precision, half-even. */
function round(d: Dec): Dec {
  const n = digits(d.c);
  if (n <= PRECISION) return d;
  const drop = n - PRECISION;
  const div = 10n ** BigInt(drop);
  const neg = d.c < 0n;
  const abs = neg ? -d.c : d.c;
  let q = abs / div;
  const r = abs % div;
  const twice = r * 2n;
  if (twice > div || (twice === div && q % 2n === 1n)) q += 1n;
  return { c: neg ? -q : q, e: d.e + drop };
}

function add(a: Dec, b: Dec): Dec {
  const [x, y, e] = align(a, b);
  return round({ c: x + y, e });
}

function compare(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function toFloat(d: Dec): number {
  return Number(`${d.c}e${d.e}`);
}

/**
 * The values of a float range, or null when the step is zero. `limit` stops
 * runaway ranges: when more than `limit` values would be produced, returns 'too-many'.
 */
export function floatRangeValues(start: NumberElement, stop: NumberElement, step: NumberElement, limit: number): number[] | null | 'too-many' {
  const s = decFromNumber(step);
  if (s.c === 0n) return null;
  const end = decFromNumber(stop);
  const sign = s.c > 0n ? 1 : -1;
  const out: number[] = [];
  for (let x = decFromNumber(start); compare(x, end) === -sign; x = add(x, s)) {
    out.push(toFloat(x));
    if (out.length > limit) return 'too-many';
  }
  return out;
}
