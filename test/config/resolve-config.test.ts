import { describe, expect, it } from 'vitest';
import { compose, resolveComposed } from '../../src/config/compose.js';
import { InterpolationError, MissingMandatoryValueError } from '../../src/config/config-errors.js';
import type { ConfigObject } from '../../src/config/config-tree.js';
import { toPlainData } from '../../src/config/config-tree.js';
import { createMemoryConfigSource } from '../../src/config/memory-config-source.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { createResolverRegistry } from '../../src/config/resolver-registry.js';
import { IntegralFloat } from '../../src/overrides/index.js';

const now = new Date(2024, 0, 31, 13, 5, 9);
const resolveOne = (config: ConfigObject, key: string, options: Parameters<typeof resolveConfig>[1] = {}): unknown =>
  toPlainData(resolveConfig(config, { now, env: {}, ...options })[key]);

describe('resolveConfig resolves interpolations as OmegaConf does', () => {
  const cases: [string, ConfigObject, string, unknown][] = [
    ['an absolute key keeps the target type', { a: { b: 42 }, c: '${a.b}' }, 'c', 42],
    ['a float target stays a float', { a: new IntegralFloat(1), c: '${a}' }, 'c', 1],
    ['a relative key reads a sibling', { a: { b: 1, c: '${.b}' } }, 'a', { b: 1, c: 1 }],
    ['two dots climb to the parent', { y: 7, a: { c: '${..y}' } }, 'a', { c: 7 }],
    ['text around interpolations makes a string', { a: 1, b: 'x', s: 'v${a}-${b}!' }, 's', 'v1-x!'],
    ['booleans and None print the Python way inside text', { t: true, n: null, s: '${t}/${n}' }, 's', 'True/None'],
    ['an integral float prints as 1.0 inside text', { f: new IntegralFloat(1), s: 'lr=${f}' }, 's', 'lr=1.0'],
    ['a chain of interpolations resolves through', { a: '${b}', b: '${c}', c: 'end' }, 'a', 'end'],
    ['an interpolation to a mapping copies the resolved mapping', { a: { x: '${y}' }, y: 2, b: '${a}' }, 'b', { x: 2 }],
    ['a nested key interpolation picks the key', { which: 'b', a: { b: 'B' }, s: '${a.${which}}' }, 's', 'B'],
    ['a list index is a key', { l: [10, 20], s: '${l.1}' }, 's', 20],
    ['an escaped interpolation stays text', { s: '\\${a.b}' }, 's', '${a.b}'],
    ['now formats the launch time with Python strftime', { s: '${now:%Y-%m-%d_%H-%M-%S}' }, 's', '2024-01-31_13-05-09'],
    ['oc.env reads the given environment', { s: '${oc.env:USER_X}' }, 's', 'alice'],
    ['oc.env falls back to the default', { s: '${oc.env:NOPE,fallback}' }, 's', 'fallback'],
    ['oc.env turns a non-string default into a string', { s: '${oc.env:NOPE,5}' }, 's', '5'],
    ['oc.env keeps a null default null', { s: '${oc.env:NOPE,null}' }, 's', null],
    ['oc.decode parses a list', { s: "${oc.decode:'[1, 2.5, x]'}" }, 's', [1, 2.5, 'x']],
    ['oc.select gives the default for a missing key', { s: '${oc.select:a.b,dflt}' }, 's', 'dflt'],
    ['oc.select gives the value when present', { a: { b: 3 }, s: '${oc.select:a.b,dflt}' }, 's', 3],
    ['oc.create builds a mapping', { s: '${oc.create:{a: 1}}' }, 's', { a: 1 }],
    ['`???` is kept by default, as OmegaConf.to_container(resolve=True) keeps it', { m: '???' }, 'm', '???'],
  ];
  for (const [title, config, key, expected] of cases) {
    it(title, () => {
      expect(resolveOne(config, key, { env: { USER_X: 'alice' } })).toEqual(expected);
    });
  }

  it('leaves the input unresolved, so snapshots keep the interpolations', () => {
    const config: ConfigObject = { a: 1, b: '${a}' };
    resolveConfig(config, { env: {} });
    expect(config).toEqual({ a: 1, b: '${a}' });
  });

  it('reads hydra runtime values through ${hydra:...} and ${hydra.job.num}', () => {
    const source = createMemoryConfigSource({
      config: 'lr: 0.5\ncwd: ${hydra:runtime.cwd}\nnum: ${hydra.job.num}\nname: ${hydra:job.name}\ndirname: ${hydra:job.override_dirname}\n',
    });
    const composed = compose({ source, cwd: '/work/here', job: { num: 3 }, jobName: 'train', overrides: ['lr=0.1'], env: {} });
    expect(resolveComposed(composed)).toEqual({ lr: 0.1, cwd: '/work/here', num: 3, name: 'train', dirname: 'lr=0.1' });
  });

  it('gives every ${now:...} of a composition the same launch time', () => {
    const source = createMemoryConfigSource({ config: 'a: ${now:%H-%M-%S}\nb: ${now:%H-%M-%S}\n' });
    const composed = compose({ source, now, env: {} });
    expect(resolveComposed(composed)).toEqual({ a: '13-05-09', b: '13-05-09' });
  });

  it('calls user resolvers registered on a registry, with typed arguments', () => {
    const resolvers = createResolverRegistry().registerResolver('add', (args) => (args as number[]).reduce((a, b) => a + b, 0));
    expect(resolveConfig({ x: 2, s: '${add:1,${x},3}' }, { resolvers, env: {} })).toEqual({ x: 2, s: 6 });
  });

  it('keeps registries apart: a resolver added to one is unknown to another', () => {
    createResolverRegistry().registerResolver('mine', () => 1);
    expect(() => resolveConfig({ s: '${mine:}' }, { env: {} })).toThrow(/unsupported interpolation type 'mine'/);
  });

  it('refuses to replace a resolver silently', () => {
    expect(() => createResolverRegistry().registerResolver('oc.env', () => 1)).toThrow(/already registered.*replace: true/);
  });
});

describe('resolution failures are typed errors naming the full key path', () => {
  const cases: [string, ConfigObject, InterpolationError['failure'], RegExp][] = [
    ['an interpolation to a missing key', { db: { url: '${db.host}:1' } }, 'missing-key', /Cannot resolve 'db\.url': interpolation key 'db\.host' not found/],
    ['a relative key that is missing', { a: { b: '${.nope}' } }, 'missing-key', /Cannot resolve 'a\.b': interpolation key 'a\.nope' not found/],
    ['a resolver that throws', { a: { b: '${boom:}' } }, 'resolver-failed', /Cannot resolve 'a\.b': resolver 'boom' failed in \$\{boom:\}: kaput/],
    ['an unknown resolver', { s: '${nope:1}' }, 'unknown-resolver', /Cannot resolve 's': unsupported interpolation type 'nope'/],
    ['a cycle', { a: '${b}', b: '${c}', c: '${a}' }, 'cycle', /interpolation cycle a -> b -> c -> a/],
    ['a value pointing at itself', { a: { b: '${a.b}' } }, 'cycle', /interpolation cycle a\.b -> a\.b/],
    ['a malformed interpolation', { s: '${a.b' }, 'syntax', /Cannot resolve 's': missing '\}'/],
    ['a missing environment variable without default', { s: '${oc.env:NOT_SET_ANYWHERE}' }, 'resolver-failed', /Environment variable 'NOT_SET_ANYWHERE' not found/],
    ['an interpolation to a `???` value', { m: '???', s: '${m}' }, 'missing-value', /Cannot resolve 's': \$\{m\} points at 'm', which is '\?\?\?'/],
  ];
  const resolvers = createResolverRegistry().registerResolver('boom', () => {
    throw new Error('kaput');
  });
  for (const [title, config, failure, message] of cases) {
    it(`reports ${title}`, () => {
      let caught: unknown;
      try {
        resolveConfig(config, { resolvers, env: {}, throwOnMissing: false });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InterpolationError);
      expect((caught as InterpolationError).failure).toBe(failure);
      expect((caught as InterpolationError).code).toBe('ERR_INTERPOLATION');
      expect((caught as Error).message).toMatch(message);
    });
  }

  it('keeps the resolver error as the cause', () => {
    try {
      resolveConfig({ s: '${boom:}' }, { resolvers, env: {} });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect(((error as Error).cause as Error).message).toBe('kaput');
    }
  });

  it('names a mandatory value a job needs when asked to fail on any `???`', () => {
    const config = { trainer: { patience: '???' } };
    expect(() => resolveConfig(config, { env: {}, throwOnMissing: true })).toThrow(MissingMandatoryValueError);
    expect(() => resolveConfig(config, { env: {}, throwOnMissing: true })).toThrow(/'trainer\.patience' is '\?\?\?'.*trainer\.patience=<value>/);
  });
});
