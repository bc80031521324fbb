import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OverrideParseError, parseOverride, renderOverride, renderValue } from '../../src/overrides/index.js';
import type { DictKey, ItemValue, Override, OverrideValue } from '../../src/overrides/index.js';
import { countSweepJobs, expandSweep } from '../../src/sweep/index.js';

/** Structural equality where numbers compare with Object.is (NaN equals NaN, 0 differs from -0). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return same(ka, kb) && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

const GRAMMAR_PIECES = [
  'x=', 'a', 'b.c', '1', '-2', '1.5', '1e-4', '.5', 'inf', 'nan', 'true', 'null', ' ', '\t', ',', '=', ':', '@', '/',
  '~', '+', '[', ']', '{', '}', '(', ')', "'", '"', '\\', '\\,', '\\\\', '$', '${a}', '*', 'choice(', 'range(', 'interval(',
  'tag(', 'sort(', 'shuffle(', 'glob(', 'int(', 'float(', 'str(', 'bool(', 'reverse=', 'é', '#', '\n',
];

const grammarish = fc.array(fc.constantFrom(...GRAMMAR_PIECES), { maxLength: 14 }).map((parts) => parts.join(''));

describe('any input either parses or raises OverrideParseError', () => {
  it.each([
    ['arbitrary unicode strings', fc.string({ unit: 'binary', maxLength: 40 })],
    ['arbitrary printable strings after a key', fc.string({ maxLength: 40 }).map((s) => `key=${s}`)],
    ['strings built from grammar pieces', grammarish],
  ] as const)('%s', (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        try {
          const o = parseOverride(text, { random: () => 0.25 });
          expect(o.input).toBe(text);
        } catch (error) {
          expect(error).toBeInstanceOf(OverrideParseError);
          const e = error as OverrideParseError;
          expect(e.column).toBeGreaterThanOrEqual(0);
          expect(e.column).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

const safeName = fc
  .stringMatching(/^[a-z_][a-z0-9_]{0,6}$/)
  .filter((s) => !['true', 'false', 'null', 'inf', 'nan'].includes(s));
const intValue = fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((value): ItemValue => ({ kind: 'int', value }));
const floatValue = fc.double().map((value): ItemValue => ({ kind: 'float', value }));
const scalar: fc.Arbitrary<ItemValue> = fc.oneof(
  fc.constant<ItemValue>({ kind: 'null' }),
  fc.boolean().map((value): ItemValue => ({ kind: 'bool', value })),
  intValue,
  floatValue,
  fc.string({ unit: 'binary', maxLength: 12 }).map((value): ItemValue => ({ kind: 'string', value, quote: null })),
  fc
    .tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom<"'" | '"'>("'", '"'))
    .map(([value, quote]): ItemValue => ({ kind: 'string', value, quote })),
);
const dictKey: fc.Arbitrary<DictKey> = fc.oneof(
  safeName.map((value): DictKey => ({ kind: 'string', value, quote: null })),
  fc.bigInt({ min: -1000n, max: 1000n }).map((value): DictKey => ({ kind: 'int', value })),
);
const { element } = fc.letrec<{ element: ItemValue }>((tie) => ({
  element: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('element'), { maxLength: 4 }).map((items): ItemValue => ({ kind: 'list', items })),
    fc
      .uniqueArray(fc.tuple(dictKey, tie('element')), { maxLength: 4, selector: ([k]) => `${k.kind}:${k.kind === "null" ? "" : String(k.value)}` })
      .map((entries): ItemValue => ({ kind: 'dict', entries })),
  ),
}));
const tags = fc.uniqueArray(safeName, { maxLength: 3 });
const number = fc.oneof(fc.bigInt({ min: -50n, max: 50n }).map((value) => ({ kind: 'int' as const, value })), fc.double({ noNaN: true, min: -50, max: 50 }).map((value) => ({ kind: 'float' as const, value })));
const sweep: fc.Arbitrary<OverrideValue> = fc.oneof(
  fc
    .record({ items: fc.array(element, { minLength: 2, maxLength: 4 }), shuffle: fc.boolean(), tags })
    // A tagged, unshuffled simple choice can only be written when a cast or sort() can rebuild it.
    .filter(({ items, shuffle, tags: t }) => shuffle || t.length === 0 || items.every((i) => i.kind === 'int'))
    // shuffle(...) arguments cannot be null and lose their quotes, like every function argument.
    .filter(({ items, shuffle }) => !shuffle || items.every((i) => i.kind !== 'null'))
    .map(({ items, shuffle, tags: t }): OverrideValue => ({
      kind: 'choice',
      items: shuffle ? items.map((i) => (i.kind === 'string' ? { ...i, quote: null } : i)) : items,
      simpleForm: true,
      shuffle,
      tags: t,
    })),
  fc
    // choice() rejects a bare null argument, so such a choice cannot be written (or typed) at all.
    .record({ items: fc.array(element.filter((e) => e.kind !== 'null'), { minLength: 1, maxLength: 4 }), shuffle: fc.boolean(), tags })
    .map(({ items, shuffle, tags: t }): OverrideValue => ({
      kind: 'choice',
      // choice() arguments lose their quotes when parsed, so generate them unquoted.
      items: items.map((i) => (i.kind === 'string' ? { ...i, quote: null } : i)),
      simpleForm: false,
      shuffle,
      tags: t,
    })),
  fc.record({ start: number, stop: number, step: number, shuffle: fc.boolean(), tags }).map((r): OverrideValue => ({ kind: 'range', ...r })),
  fc.record({ start: fc.double({ noNaN: true }), end: fc.double({ noNaN: true }), tags }).map(
    ({ start, end, tags: t }): OverrideValue => ({ kind: 'interval', start: { kind: 'float', value: start }, end: { kind: 'float', value: end }, tags: t }),
  ),
  fc.record({ include: fc.array(safeName, { maxLength: 3 }), exclude: fc.array(safeName, { maxLength: 3 }) }).map(
    (g): OverrideValue => ({ kind: 'glob', ...g }),
  ),
);

describe('rendering then parsing gives back the same value', () => {
  it('holds for non-sweep values of every type', () => {
    fc.assert(
      fc.property(element, (v) => {
        const text = `x=${renderValue(v)}`;
        expect(same(parseOverride(text).value, v), `${text}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for sweeps', () => {
    fc.assert(
      fc.property(sweep, (v) => {
        const text = `x=${renderValue(v)}`;
        expect(same(parseOverride(text).value, v), `${text}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for whole overrides, key, kind and package included', () => {
    const override = fc.record({
      kind: fc.constantFrom<Override['kind']>('change', 'add', 'force-add', 'delete'),
      key: fc.oneof(safeName, fc.tuple(safeName, safeName).map(([a, b]) => `${a}.${b}`), fc.tuple(safeName, safeName).map(([a, b]) => `${a}/${b}`)),
      package: fc.option(fc.oneof(fc.constant(''), safeName), { nil: null }),
      value: fc.option(element, { nil: null }),
    });
    fc.assert(
      fc.property(override, (o) => {
        const value = o.kind === 'delete' ? o.value : (o.value ?? { kind: 'null' as const });
        const text = renderOverride({ ...o, value, input: '' });
        const parsed = parseOverride(text);
        expect(same({ ...parsed, input: '' }, { ...o, value, input: '' }), text).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('sweep expansion counts', () => {
  it('equals the product of the sweep sizes and matches the jobs produced', () => {
    const dimension = fc.oneof(
      fc.integer({ min: 1, max: 5 }).map((n) => Array.from({ length: n }, (_, i) => `v${i}`).join(',')),
      fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 8 }), fc.constantFrom(1, 2, 3, -1)).map(([a, b, s]) => `range(${a},${b},${s})`),
      fc.constant('fixed'),
    );
    fc.assert(
      fc.property(fc.array(dimension, { maxLength: 5 }), (values) => {
        const args = values.map((v, i) => `k${i}=${v}`);
        const expected = args
          .map((a) => {
            const o = parseOverride(a);
            if (o.value?.kind === 'choice') return o.value.items.length;
            if (o.value?.kind === 'range') {
              const { start, stop, step } = o.value as { start: { value: bigint }; stop: { value: bigint }; step: { value: bigint } };
              const n = Math.ceil(Number(stop.value - start.value) / Number(step.value));
              return Math.max(0, n);
            }
            return 1;
          })
          .reduce((a, b) => a * b, 1);
        expect(countSweepJobs(args)).toBe(expected);
        const jobs = [...expandSweep(args).jobs()];
        expect(jobs).toHaveLength(expected);
        expect(new Set(jobs.map((j) => j.join(' '))).size).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
