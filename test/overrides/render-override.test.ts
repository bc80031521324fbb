import { describe, expect, it } from 'vitest';
import {
  IntegralFloat,
  OverrideValueError,
  escapeSpecialCharacters,
  formatHydraValue,
  formatPythonFloat,
  parseOverride,
  quoteString,
  renderOverride,
  toConfigValue,
} from '../../src/overrides/index.js';

describe('formatPythonFloat writes floats as Python repr does', () => {
  it.each([
    [1, '1.0'],
    [-0, '-0.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e300, '1.5e+300'],
    [0.1 + 0.2, '0.30000000000000004'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
    [5e-324, '5e-324'],
  ])('%s is written %s', (value, text) => {
    expect(formatPythonFloat(value)).toBe(text);
  });
});

describe('formatHydraValue writes values the way jobs receive them', () => {
  it.each([
    ['bools in Python spelling', 'x=true', 'True'],
    ['an int', 'x=-5', '-5'],
    ['a float that looks integral', 'x=10e0', '10.0'],
    ['special characters escaped', 'x=a b:c', 'a\\ b\\:c'],
    ['a backslash doubled', 'x=a\\\\b', 'a\\\\b'],
    ['a quoted string re-quoted', "x='it\\'s'", "'it\\'s'"],
    ['a list without spaces', 'x=[1, a, [b]]', '[1,a,[b]]'],
    ['a dict with Python keys', 'x={a: true, 1: null}', '{a:True,1:null}'],
  ] as const)('%s', (_name, text, expected) => {
    const v = parseOverride(text).value;
    expect(v).not.toBeNull();
    expect(formatHydraValue(v as NonNullable<typeof v>)).toBe(expected);
  });

  it('adds a space after separators when asked', () => {
    const v = parseOverride('x={a:[1,2]}').value as NonNullable<ReturnType<typeof parseOverride>['value']>;
    expect(formatHydraValue(v, true)).toBe('{a: [1, 2]}');
  });

  it('refuses a sweep nested in a value', () => {
    const v = parseOverride('x=[choice(1,2)]').value as NonNullable<ReturnType<typeof parseOverride>['value']>;
    expect(() => formatHydraValue(v)).toThrow(OverrideValueError);
  });

  it('escapes and quotes as Hydra does', () => {
    expect(escapeSpecialCharacters('a,b=c\\d')).toBe('a\\,b\\=c\\\\d');
    expect(quoteString("a'b\\", "'")).toBe("'a\\'b\\\\'");
    expect(quoteString('back\\slash', '"')).toBe('"back\\slash"');
  });
});

describe('renderOverride writes text that parses back to the same override', () => {
  it.each([
    ['a group choice', 'hydra/launcher=local'],
    ['an add with a package', '+db@backup=mysql'],
    ['a force add', '++x=1.0'],
    ['a delete without a value', '~db'],
    ['a simple sweep', 'x=1,2.5,true'],
    ['a tagged range', 'x=tag(fast,range(0,10,2))'],
    ['a shuffled choice', 'x=shuffle(choice(a,b))'],
    ['a glob', 'db=glob([m*],exclude=[x*])'],
    ['an int interval', 'x=int(interval(1.5,9.5))'],
  ] as const)('%s', (_name, text) => {
    const parsed = parseOverride(text);
    expect(parseOverride(renderOverride(parsed)).value).toEqual(parsed.value);
    expect(parseOverride(renderOverride(parsed))).toMatchObject({ kind: parsed.kind, key: parsed.key, package: parsed.package });
  });

  it.each([
    ['a string that looks like an int', 'x=str(1)', "x=str('1')"],
    ['a string that looks like a bool', 'x=str(true)', "x=str('true')"],
    ['a string with characters unquoted text cannot hold', 'x="é"', 'x="é"'],
    ['plain text stays plain', 'x=abc', 'x=abc'],
    ['text with blanks is escaped', 'x=a b', 'x=a\\ b'],
  ] as const)('%s', (_name, text, rendered) => {
    expect(renderOverride(parseOverride(text))).toBe(rendered);
  });
});

describe('toConfigValue gives plain config values', () => {
  it('keeps ints and floats apart, integral floats wrapped', () => {
    expect(toConfigValue({ kind: 'int', value: 1n })).toBe(1);
    expect(toConfigValue({ kind: 'int', value: 2n ** 64n })).toBe(2n ** 64n);
    expect(toConfigValue({ kind: 'float', value: 0.5 })).toBe(0.5);
    const one = toConfigValue({ kind: 'float', value: 1 });
    expect(one).toBeInstanceOf(IntegralFloat);
    expect(String(one)).toBe('1.0');
    expect(Number(one)).toBe(1);
  });

  it('converts containers and drops quotes', () => {
    const v = parseOverride("x={a: [1, 'b'], 2: null, true: 1.0}").value as NonNullable<ReturnType<typeof parseOverride>['value']>;
    expect(toConfigValue(v)).toEqual({ a: [1, 'b'], 2: null, True: new IntegralFloat(1) });
  });

  it('keeps a dict key named __proto__ as data, never as the prototype', () => {
    const v = parseOverride('x={__proto__: {polluted: 1}, a: 2}').value as NonNullable<ReturnType<typeof parseOverride>['value']>;
    const out = toConfigValue(v) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: 1 });
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('refuses a sweep', () => {
    expect(() => toConfigValue(parseOverride('x=1,2').value as never)).toThrow(OverrideValueError);
  });
});
