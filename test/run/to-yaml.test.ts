import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { IntegralFloat } from '../../src/overrides/to-config-value.js';
import { toYaml } from '../../src/run/snapshots/to-yaml.js';

interface ComposeCase {
  id: number | string;
  ok: boolean;
  config?: Record<string, unknown>;
  yaml?: string;
}

const composed = (JSON.parse(readFileSync(new URL('../fixtures/conformance/hydra-compose.json', import.meta.url), 'utf8')) as ComposeCase[]).filter(
  (c) => c.ok && c.config !== undefined && c.yaml !== undefined,
);

describe('toYaml', () => {
  it('has real Hydra config.yaml dumps to compare against', () => {
    expect(composed.length).toBeGreaterThan(8);
  });

  it.each(composed.map((c) => ({ name: `compose case ${c.id}`, config: c.config!, yaml: c.yaml! })))(
    'writes $name byte for byte as OmegaConf.to_yaml does',
    ({ config, yaml }) => {
      expect(toYaml(config)).toBe(yaml);
    },
  );

  it.each([
    { name: 'an integral float with .0', value: { lr: new IntegralFloat(1) }, expected: 'lr: 1.0\n' },
    { name: 'a negative zero float', value: { x: new IntegralFloat(-0) }, expected: 'x: -0.0\n' },
    { name: 'small and large floats as PyYAML does', value: { a: 1e-5, b: 0.0001, c: new IntegralFloat(1e16), d: 1.5e300 }, expected: 'a: 1.0e-05\nb: 0.0001\nc: 1.0e+16\nd: 1.5e+300\n' },
    { name: 'non-finite floats', value: { a: Infinity, b: -Infinity, c: NaN }, expected: 'a: .inf\nb: -.inf\nc: .nan\n' },
    { name: 'safe integers and bigints as ints', value: { a: 3, b: -(2 ** 53 - 1), c: 2n ** 64n }, expected: 'a: 3\nb: -9007199254740991\nc: 18446744073709551616\n' },
    { name: 'integral numbers beyond 2^53 as floats (ints that big arrive as bigints)', value: { a: 1e22 }, expected: 'a: 1.0e+22\n' },
    { name: 'YAML 1.1 look-alikes quoted', value: ['y', 'no', 'on', 'True', '1.0', '010', 'null', '~', ''], expected: "- 'y'\n- 'no'\n- 'on'\n- 'True'\n- '1.0'\n- '010'\n- 'null'\n- '~'\n- ''\n" },
    { name: 'empty nodes in flow style', value: { a: {}, b: [] }, expected: 'a: {}\nb: []\n' },
    { name: 'an empty root', value: {}, expected: '{}\n' },
    { name: 'undefined entries left out', value: { a: 1, b: undefined }, expected: 'a: 1\n' },
    { name: 'a Map in its own order', value: new Map<string, unknown>([['z', 1], ['a', 2]]), expected: 'z: 1\na: 2\n' },
    { name: 'a Date as ISO 8601', value: { at: new Date(Date.UTC(2024, 0, 5, 13, 4, 9)) }, expected: "at: '2024-01-05T13:04:09.000Z'\n" },
    { name: 'a long string on one line', value: { s: 'x '.repeat(100).trim() }, expected: `s: ${'x '.repeat(100).trim()}\n` },
  ])('writes $name', ({ value, expected }) => {
    expect(toYaml(value)).toBe(expected);
  });

  it('writes text a YAML parser reads back to the same values', () => {
    const value = { a: [1, 0.5, 'x: y', "it's", 'a\nb', '#c', '- d', '@e', '%f', '{g}'], b: { c: null, d: true } };
    expect(parse(toYaml(value))).toEqual(value);
  });
});

describe('toYaml for any JSON-like value', () => {
  const key = fc.string({ unit: 'binary', maxLength: 8 }).filter((k) => k !== '__proto__');
  const scalar = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom('y', 'No', 'on', '~', 'null', '1.0', '0x1F', '1e3', '12:30', '2024-01-05', '<<', '=', '- a', 'a: b', 'a #b', '#', '"', "'", '\t', ' x', 'x '),
    fc.integer(),
    fc.double({ noNaN: false }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
  );
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('dict')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    dict: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  })).node;

  it('reads back to the same value with a YAML 1.1 and a YAML 1.2 parser', () => {
    fc.assert(
      fc.property(tree, (value) => {
        const text = toYaml(value);
        expect(parse(text, { version: '1.1', uniqueKeys: false })).toEqual(value);
        expect(parse(text, { uniqueKeys: false })).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('toYaml for unusual strings', () => {
  it.each([
    { name: 'a line break', value: 'a\nb', expected: '"a\\nb"\n' },
    { name: 'a tab', value: 'a\tb', expected: '"a\\tb"\n' },
    { name: 'a C1 control and a line separator', value: '\u0085\u2028', expected: '"\\u0085\\u2028"\n' },
    { name: 'an emoji left plain', value: 'run-\u{1F600}', expected: 'run-\u{1F600}\n' },
    { name: 'accented text left plain', value: 'café', expected: 'café\n' },
  ])('writes $name', ({ value, expected }) => {
    expect(toYaml(value)).toBe(expected);
    expect(parse(toYaml(value))).toBe(value);
  });
});
