import { describe, expect, it } from 'vitest';
import { OverrideParseError, parseOverride, parseOverrides } from '../../src/overrides/index.js';
import type { ItemValue, Override } from '../../src/overrides/index.js';

const int = (v: number | bigint): ItemValue => ({ kind: 'int', value: BigInt(v) });
const float = (v: number): ItemValue => ({ kind: 'float', value: v });
const str = (v: string): ItemValue => ({ kind: 'string', value: v, quote: null });
const quoted = (v: string, quote: "'" | '"' = "'"): ItemValue => ({ kind: 'string', value: v, quote });

function value(text: string): Override['value'] {
  return parseOverride(text).value;
}

describe('keys, packages and override kinds', () => {
  it.each([
    ['a config group path keeps its slashes', 'hydra/launcher=local', { kind: 'change', key: 'hydra/launcher', package: null }],
    ['a dotted key is one key', 'hydra.launcher.max_parallel_jobs=6', { kind: 'change', key: 'hydra.launcher.max_parallel_jobs', package: null }],
    ['+ adds', '+model.extra=1', { kind: 'add', key: 'model.extra', package: null }],
    ['++ force-adds', '++seed=1', { kind: 'force-add', key: 'seed', package: null }],
    ['~ deletes without a value', '~db', { kind: 'delete', key: 'db', package: null }],
    ['a package follows @', 'db@backup.db=mysql', { kind: 'change', key: 'db', package: 'backup.db' }],
    ['an empty package means the global package', 'db@=mysql', { kind: 'change', key: 'db', package: '' }],
    ['a group with a package', 'server/db@server.db2=mysql', { kind: 'change', key: 'server/db', package: 'server.db2' }],
    ['keys may hold - and $', 'a-b.$c=1', { kind: 'change', key: 'a-b.$c', package: null }],
    ['list indices are key segments', 'list.0.name=x', { kind: 'change', key: 'list.0.name', package: null }],
  ] as const)('%s', (_name, text, expected) => {
    expect(parseOverride(text)).toMatchObject(expected);
  });

  it('keeps the input text on the override', () => {
    expect(parseOverride('x=1').input).toBe('x=1');
  });

  it('gives ~key no value and ~key= an empty string', () => {
    expect(value('~key')).toBeNull();
    expect(value('~key=')).toEqual(str(''));
  });

  it('parses a list of overrides in order', () => {
    expect(parseOverrides(['a=1', 'b=2']).map((o) => o.key)).toEqual(['a', 'b']);
  });
});

describe('value types stay as Hydra types them', () => {
  it.each([
    ['an int', 'x=42', int(42)],
    ['an int with _ separators and a sign', 'x=-1_000', int(-1000)],
    ['an int beyond 2^53 exactly', 'x=12345678901234567890123', int(12345678901234567890123n)],
    ['1.0 as a float, not an int', 'x=1.0', float(1)],
    ['1e-4 as a float', 'x=1e-4', float(0.0001)],
    ['.5 as a float', 'x=.5', float(0.5)],
    ['5. as a float', 'x=5.', float(5)],
    ['inf', 'x=inf', float(Infinity)],
    ['-inf', 'x=-inf', float(-Infinity)],
    ['a bool in any case', 'x=FaLsE', { kind: 'bool', value: false }],
    ['null in any case', 'x=NULL', { kind: 'null' }],
    ['a single-quoted string', "x='a b'", quoted('a b')],
    ['a double-quoted string', 'x="a, b"', quoted('a, b', '"')],
    ['an escaped quote inside quotes', "x='it\\'s'", quoted("it's")],
    ['an unquoted string with inner blanks, trimmed', 'x=  hello world  ', str('hello world')],
    ['escaped characters in an unquoted string', 'x=a\\,b\\=c\\ d', str('a,b=c d')],
    ['characters Hydra allows unquoted', 'x=/a-b+c.d$e%f*g@h?i|j', str('/a-b+c.d$e%f*g@h?i|j')],
    ['an interpolation kept as a string', 'x=${oc.env:USER,me}', str('${oc.env:USER,me}')],
    ['an empty value as an empty string', 'x=', str('')],
    ['a number followed by letters as a string', 'x=10abc', str('10abc')],
    ['a leading zero making a string', 'x=007', str('007')],
    ['nested lists', 'x=[1,[a,[]]]', { kind: 'list', items: [int(1), { kind: 'list', items: [str('a'), { kind: 'list', items: [] }] }] }],
    ['a dict with typed keys', 'x={a: 1, 2: b}', { kind: 'dict', entries: [[str('a'), int(1)], [int(2), str('b')]] }],
    ['a dict merging keys Python sees as equal', 'x={1: a, 1.0: b}', { kind: 'dict', entries: [[int(1), str('b')]] }],
  ] as const)('%s', (_name, text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it('keeps NaN as a float', () => {
    const v = value('x=nan');
    expect(v?.kind).toBe('float');
    expect(Number.isNaN((v as { value: number }).value)).toBe(true);
  });
});

describe('sweeps and grammar functions', () => {
  it.each([
    ['a simple choice', 'x=a,b', { kind: 'choice', items: [str('a'), str('b')], simpleForm: true, shuffle: false, tags: [] }],
    ['choice() drops quotes from its arguments', "x=choice('a b',c)", { kind: 'choice', items: [str('a b'), str('c')], simpleForm: false }],
    ['a simple choice keeps quotes', "x='a b',c", { kind: 'choice', items: [quoted('a b'), str('c')], simpleForm: true }],
    ['range with one argument starts at 0', 'x=range(3)', { kind: 'range', start: int(0), stop: int(3), step: int(1) }],
    ['range with a float step', 'x=range(0,1,0.25)', { kind: 'range', start: int(0), stop: int(1), step: float(0.25) }],
    ['range with keyword arguments', 'x=range(1,step=2,stop=9)', { kind: 'range', start: int(1), stop: int(9), step: int(2) }],
    ['interval converts to floats', 'x=interval(0,1)', { kind: 'interval', start: float(0), end: float(1), tags: [] }],
    ['tag() sets tags on a sweep', 'x=tag(lr,log,interval(0,1))', { kind: 'interval', tags: ['lr', 'log'] }],
    ['sort() orders a simple choice', 'x=sort(3,1,2)', { kind: 'choice', items: [int(1), int(2), int(3)], simpleForm: true }],
    ['sort(reverse=true) orders downwards', 'x=sort(a,c,b,reverse=true)', { kind: 'choice', items: [str('c'), str('b'), str('a')] }],
    ['sort() of a descending range makes it ascending', 'x=sort(range(10,0,-2))', { kind: 'range', start: int(2), stop: int(12), step: int(2) }],
    ['shuffle() marks a choice for shuffling at expansion', 'x=shuffle(choice(1,2))', { kind: 'choice', shuffle: true, simpleForm: false }],
    ['glob() with include and exclude', 'db=glob([m*,p*],exclude=pg*)', { kind: 'glob', include: ['m*', 'p*'], exclude: ['pg*'] }],
    ['int() of a float truncates', 'x=int(-2.7)', int(-2)],
    ['float() of an int', 'x=float(3)', float(3)],
    ['str() of a bool is lower case', 'x=str(true)', str('true')],
    ['bool() of a string', "x=bool('False')", { kind: 'bool', value: false }],
    ['a cast applies to list elements', 'x=float([1,2])', { kind: 'list', items: [float(1), float(2)] }],
    ['a cast applies to dict values, not keys', 'x=str({1: 2})', { kind: 'dict', entries: [[int(1), str('2')]] }],
    ['a cast of several values is a simple choice', 'x=int(1.5,2.5)', { kind: 'choice', items: [int(1), int(2)], simpleForm: true }],
    ['a cast of a range casts its bounds', 'x=float(range(1,3))', { kind: 'range', start: float(1), stop: float(3), step: float(1) }],
    ['whitespace around function parts is allowed', 'x=choice ( 1 , 2 )', { kind: 'choice', items: [int(1), int(2)] }],
  ] as const)('%s', (_name, text, expected) => {
    expect(value(text)).toMatchObject(expected);
  });

  it('shuffles a plain list at parse time with the given random source', () => {
    const v = parseOverride('x=shuffle([1,2,3])', { random: () => 0 }).value;
    expect(v).toEqual({ kind: 'list', items: [int(2), int(3), int(1)] });
  });
});

describe('rejected overrides raise OverrideParseError with a column and a fix', () => {
  it.each([
    ['a key without =', 'foo.bar', 7, "'='"],
    ['a blank in a key', 'a b=1', 1, 'in the key'],
    ['a character Hydra does not allow unquoted', 'x=a#b', 3, 'quote the value'],
    ['an unterminated quote', 'x="abc', 2, 'closing "'],
    ['an unclosed list', 'x=[1,2', 6, "']'"],
    ['an unknown function', 'x=choise(a,b)', 2, 'Unknown function'],
    ['range() with strings', 'x=range(a,b)', 2, 'mismatch type'],
    ['a trailing comma in a sweep', 'x=1,2,', 6, 'expected a value'],
    ['a positional argument after a keyword one', 'x=range(stop=3,1)', 15, 'positional argument follows keyword argument'],
    ['nested choices', 'x=choice(choice(a,b))', 2, 'nesting choices is not supported'],
    ['an impossible cast', "x=int('ten')", 2, 'invalid literal'],
    ['non-ASCII outside quotes', 'x=héllo', 3, 'unexpected character'],
    ['three pluses', '+++a=1', 2, "'='"],
  ] as const)('%s', (_name, text, column, fragment) => {
    let caught: unknown;
    try {
      parseOverride(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OverrideParseError);
    const error = caught as OverrideParseError;
    expect(error.column).toBe(column);
    expect(error.reason).toContain(fragment);
    expect(error.message).toContain(`\n  ${text}\n  ${' '.repeat(column)}^`);
  });

  it('reports a too-deep nesting as an OverrideParseError rather than a stack overflow', () => {
    const deep = `x=${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseOverride(deep)).toThrow(OverrideParseError);
  });

  it('keeps the Python-side failure as the cause of a function error', () => {
    try {
      parseOverride('x=range()');
      expect.unreachable();
    } catch (error) {
      expect((error as OverrideParseError).cause).toMatchObject({ pythonType: 'TypeError' });
    }
  });
});

describe('function names that exist on plain JS objects are still unknown functions', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])('%s() is rejected as an unknown function', (fn) => {
    expect(() => parseOverride(`x=${fn}(1)`)).toThrow(/Unknown function/);
  });
});

describe('the Hydra 1.0 package rename form', () => {
  it('is rejected as Hydra 1.3 rejects it, with the form to use instead', () => {
    let caught: unknown;
    try {
      parseOverride('db@src:dst=mysql');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OverrideParseError);
    expect((caught as OverrideParseError).column).toBe(6);
    expect((caught as OverrideParseError).reason).toMatch(/key@destination=VALUE/);
  });
});

describe('casts of null follow Hydra', () => {
  it('bool(null) is False, since Hydra ends cast_bool in Python bool()', () => {
    expect(value('x=bool(null)')).toEqual({ kind: 'bool', value: false });
  });

  it.each(['int', 'float', 'str'])('%s(null) is rejected', (cast) => {
    expect(() => parseOverride(`x=${cast}(null)`)).toThrow(OverrideParseError);
  });
});

describe('keyword forms of shuffle() and sort()', () => {
  it.each([
    ['shuffle(list=...) shuffles the list', 'x=shuffle(list=[1,2])', { kind: 'list', items: [int(2), int(1)] }],
    ['shuffle(sweep=...) marks the sweep', 'x=shuffle(sweep=choice(1,2))', { kind: 'choice', shuffle: true }],
    ['list= wins over positional arguments', 'x=shuffle(7,list=[1])', { kind: 'list', items: [int(1)] }],
    ['sort(list=..., reverse=true)', 'x=sort(list=[1,3,2],reverse=true)', { kind: 'list', items: [int(3), int(2), int(1)] }],
  ] as const)('%s', (_name, text, expected) => {
    expect(parseOverride(text, { random: () => 0 }).value).toMatchObject(expected);
  });
});
