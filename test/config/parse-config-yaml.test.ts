import { describe, expect, it } from 'vitest';
import { ConfigYamlError } from '../../src/config/config-errors.js';
import { parseConfigYaml } from '../../src/config/parse-config-yaml.js';
import { IntegralFloat } from '../../src/overrides/index.js';

const value = (text: string): unknown => parseConfigYaml(`v: ${text}`, 'test.yaml').content['v'];

describe('parseConfigYaml reads scalars as OmegaConf loads them', () => {
  const cases: [string, string, unknown][] = [
    ['YAML 1.1 `on` is true', 'on', true],
    ['YAML 1.1 `off` is false', 'off', false],
    ['YAML 1.1 `yes` is true', 'yes', true],
    ['YAML 1.1 `No` is false', 'No', false],
    ['`y` stays a string, as in PyYAML', 'y', 'y'],
    ['`n` stays a string, as in PyYAML', 'n', 'n'],
    ['an int is a number', '1', 1],
    ['`1.0` is an integral float, kept apart from 1', '1.0', new IntegralFloat(1)],
    ['`1e5` is a float (OmegaConf widens the float pattern)', '1e5', new IntegralFloat(100000)],
    ['`1.5e-3` is a float', '1.5e-3', 0.0015],
    ['`.inf` is infinity', '.inf', Infinity],
    ['`-.inf` is minus infinity', '-.inf', -Infinity],
    ['`0o`-less leading zero is octal in YAML 1.1', '010', 8],
    ['hex ints are read', '0x1F', 31],
    ['underscores in ints are dropped', '1_000', 1000],
    ['sexagesimal ints are read', '1:30', 90],
    ['ints beyond 2^53 stay exact as bigints', '123456789012345678901', 123456789012345678901n],
    ['`~` is null', '~', null],
    ['an empty value is null', '', null],
    ['dates stay strings (OmegaConf drops the timestamp type)', '2024-01-31', '2024-01-31'],
    ['a quoted number is a string', '"1"', '1'],
    ['a quoted `on` is a string', "'on'", 'on'],
    ['`???` is kept as the mandatory marker', '???', '???'],
    ['an interpolation stays text', '${a.b}', '${a.b}'],
    ['explicit !!str wins over the int pattern', '!!str 12', '12'],
    ['explicit !!float makes an int a float', '!!float 3', new IntegralFloat(3)],
  ];
  for (const [title, text, expected] of cases) {
    it(title, () => {
      expect(value(text)).toEqual(expected);
    });
  }

  it('keeps 1 and 1.0 apart in a whole file', () => {
    const { content } = parseConfigYaml('a: 1\nb: 1.0\n', 'test.yaml');
    expect(content['a']).toBe(1);
    expect(content['b']).toBeInstanceOf(IntegralFloat);
  });

  it('reads YAML 1.1 boolean keys the way PyYAML does and keeps the `y` key a string', () => {
    const { content } = parseConfigYaml('y: 2\non: 3\n', 'test.yaml');
    expect(Object.keys(content)).toEqual(['y', 'True']);
  });

  it('applies merge keys (<<) with the mapping own keys winning', () => {
    const { content } = parseConfigYaml('base: &b {x: 1, y: 2}\nchild:\n  <<: *b\n  y: 3\n', 'test.yaml');
    expect(content['child']).toEqual({ x: 1, y: 3 });
  });

  it('reads the `# @package` header before the first non-comment line', () => {
    expect(parseConfigYaml('# @package foo.bar\nx: 1\n', 'a.yaml').packageHeader).toBe('foo.bar');
    expect(parseConfigYaml('x: 1\n# @package foo\n', 'a.yaml').packageHeader).toBeNull();
  });

  it('reads an empty file as an empty mapping', () => {
    expect(parseConfigYaml('', 'empty.yaml').content).toEqual({});
  });
});

describe('parseConfigYaml rejects bad files with the file, line and column', () => {
  const cases: [string, string, RegExp][] = [
    ['an unclosed flow sequence', 'a: [1\nb: 2\n', /^Invalid config file bad\.yaml:2:1: /],
    ['a nested mapping on one line', 'a: b: c\n', /^Invalid config file bad\.yaml:1:4: /],
    ['a duplicate key', 'a: 1\na: 2\n', /^Invalid config file bad\.yaml:2:1: .*unique/],
    ['a list at the top', '- a\n- b\n', /top level of a config file must be a mapping/],
    ['a malformed package header', '# @package a b\nx: 1\n', /# @package <package>/],
  ];
  for (const [title, text, message] of cases) {
    it(`names the problem for ${title}`, () => {
      let caught: unknown;
      try {
        parseConfigYaml(text, 'bad.yaml');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigYamlError);
      expect((caught as ConfigYamlError).code).toBe('ERR_CONFIG_YAML');
      expect((caught as Error).message).toMatch(message);
    });
  }

  it('records line and column as fields', () => {
    try {
      parseConfigYaml('ok: 1\nbad: [1\n', 'cfg.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ file: 'cfg.yaml', line: 3, column: 1 });
    }
  });
});
