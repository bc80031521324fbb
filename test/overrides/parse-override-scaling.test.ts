import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OverrideParseError, parseOverride } from '../../src/overrides/index.js';
import type { DictKey } from '../../src/overrides/index.js';
import { DictKeyIndex } from '../../src/overrides/dict-key-index.js';
import { pythonEquals } from '../../src/overrides/python-semantics.js';

/*
 * Linear time is checked against a same-size baseline measured in the same run, not
 * against a time limit: each construct is parsed next to an input of the same length
 * and token count that was already linear (a list, a plain choice, a brace without '$').
 * A quadratic step costs 15-150x its baseline at these sizes; linear code stays
 * within 1-4x. Runs alternate and each side keeps its best, so a busy machine slows both alike.
 */
function parseMs(text: string): number {
  const start = performance.now();
  try {
    parseOverride(text);
  } catch (error) {
    if (!(error instanceof OverrideParseError)) throw error;
  }
  return performance.now() - start;
}

/** Best time of `text` over best time of `baseline`, runs interleaved; the first pair warms the JIT. */
function costRatio(text: string, baseline: string): number {
  let best = Infinity;
  let bestBaseline = Infinity;
  for (let i = 0; i < 6; i++) {
    const t = parseMs(text);
    const b = parseMs(baseline);
    if (i === 0) continue;
    best = Math.min(best, t);
    bestBaseline = Math.min(bestBaseline, b);
  }
  return best / bestBaseline;
}

const items = (n: number, item: (i: number) => string): string => Array.from({ length: n }, (_, i) => item(i)).join(',');
const blanks = ' '.repeat(48);

describe('override parsing grows linearly with its input', () => {
  it.each([
    ['a dict of 20,000 distinct keys', `x={${items(20_000, (i) => `k${i}: ${i}`)}}`, `x=[${items(20_000, (i) => `k${i}, ${i}`)}]`],
    ['a dict of 10,000 dicts', `x={${items(10_000, (i) => `k${i}: {a: [1, 2]}`)}}`, `x=[${items(10_000, (i) => `k${i}, [a, [1, 2]]`)}]`],
    ['a dict of 20,000 number keys', `x={${items(20_000, (i) => `${i}: ${i}.5`)}}`, `x=[${items(20_000, (i) => `${i}, ${i}.5`)}]`],
    ['a tag() with 40,000 tags', `x=tag(${items(40_000, (i) => `t${i}`)},choice(1,2))`, `x=[${items(40_000, (i) => `t${i}`)},choice(1,2)]`],
    ['a value with 50,000 unclosed ${', `x=${`\${${blanks}`.repeat(50_000)}`, `x=${`a{${blanks}`.repeat(50_000)}`],
  ])('%s', (_name, text, baseline) => {
    expect(Math.abs(text.length - baseline.length)).toBeLessThan(8);
    expect(costRatio(text, baseline)).toBeLessThan(8);
  });
});

const dictKey: fc.Arbitrary<DictKey> = fc.oneof(
  fc.constant<DictKey>({ kind: 'null' }),
  fc.boolean().map((value): DictKey => ({ kind: 'bool', value })),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((value): DictKey => ({ kind: 'int', value })),
  fc.constantFrom(-1n, 0n, 1n, 2n, 2n ** 53n + 1n, 2n ** 64n).map((value): DictKey => ({ kind: 'int', value })),
  fc.double().map((value): DictKey => ({ kind: 'float', value })),
  fc.constantFrom(-1, 0, -0, 1, 2, 0.5, 2 ** 53, 2 ** 64, Infinity, NaN).map((value): DictKey => ({ kind: 'float', value })),
  fc.tuple(fc.constantFrom('a', '1', 'I1', 'None', ''), fc.constantFrom<"'" | '"' | null>(null, "'", '"')).map(
    ([value, quote]): DictKey => ({ kind: 'string', value, quote }),
  ),
);

describe('dict keys merge exactly when Python sees them as equal', () => {
  it('a key finds an earlier key exactly when pythonEquals holds between them', () => {
    fc.assert(
      fc.property(dictKey, dictKey, (a, b) => {
        const keys = [a, b];
        const index = new DictKeyIndex((position) => keys[position] as DictKey);
        expect(index.positionOf(a, 0)).toBe(0);
        expect(index.positionOf(b, 1)).toBe(pythonEquals(a, b) ? 0 : 1);
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps the first spelling of a key and the last value', () => {
    expect(parseOverride('x={1: a, true: b, 1.0: c, 2: d, nan: e, nan: f}').value).toEqual({
      kind: 'dict',
      entries: [
        [{ kind: 'int', value: 1n }, { kind: 'string', value: 'c', quote: null }],
        [{ kind: 'int', value: 2n }, { kind: 'string', value: 'd', quote: null }],
        [{ kind: 'float', value: NaN }, { kind: 'string', value: 'e', quote: null }],
        [{ kind: 'float', value: NaN }, { kind: 'string', value: 'f', quote: null }],
      ],
    });
  });
});
