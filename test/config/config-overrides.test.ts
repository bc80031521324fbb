import { describe, expect, it } from 'vitest';
import { compose } from '../../src/config/compose.js';
import { ConfigCompositionError } from '../../src/config/config-errors.js';
import type { ConfigObject } from '../../src/config/config-tree.js';
import { createMemoryConfigSource } from '../../src/config/memory-config-source.js';
import { mergeInto } from '../../src/config/merge-config.js';
import { IntegralFloat } from '../../src/overrides/index.js';

const source = createMemoryConfigSource({
  config: 'model:\n  lr: 0.01\n  layers: [1, 2]\n  opt: {name: adam, beta: 0.9}\nseed: 0\nnothing: null\nneeded: ???\n',
});
const run = (overrides: string[]): ConfigObject => compose({ source, overrides, env: {} }).config;

describe('command-line value overrides follow Hydra (struct mode)', () => {
  const cases: [string, string[], (c: ConfigObject) => unknown, unknown][] = [
    ['`key=value` changes an existing value', ['seed=3'], (c) => c['seed'], 3],
    ['`key=1.0` stays a float', ['seed=1.0'], (c) => c['seed'], new IntegralFloat(1)],
    ['`key=value` fills a `???`', ['needed=yes'], (c) => c['needed'], 'yes'],
    ['`key=null` sets null', ['seed=null'], (c) => c['seed'], null],
    ['a list value replaces the list', ['model.layers=[3]'], (c) => (c['model'] as ConfigObject)['layers'], [3]],
    ['a dict value merges into the mapping', ['model.opt={beta: 0.5}'], (c) => (c['model'] as ConfigObject)['opt'], { name: 'adam', beta: 0.5 }],
    ['`+key={...}` merges new keys into an existing mapping', ['+model.opt={eps: 1e-8}'], (c) => (c['model'] as ConfigObject)['opt'], { name: 'adam', beta: 0.9, eps: 1e-8 }],
    ['`+key=value` adds a new key at the end', ['+model.dropout=0.1'], (c) => Object.keys(c['model'] as ConfigObject), ['lr', 'layers', 'opt', 'dropout']],
    ['`+key=value` may fill a null value', ['+nothing=1'], (c) => c['nothing'], 1],
    ['`+a.b.c=v` creates the path', ['+a.b.c=1'], (c) => c['a'], { b: { c: 1 } }],
    ['`++key=value` overrides an existing key', ['++seed=9'], (c) => c['seed'], 9],
    ['`++key=value` adds a missing key', ['++extra=x'], (c) => c['extra'], 'x'],
    ['`~key` removes a key', ['~model.opt'], (c) => Object.keys(c['model'] as ConfigObject), ['lr', 'layers']],
    ['`~key=value` removes a key holding that value', ['~seed=0'], (c) => 'seed' in c, false],
    ['an interpolation is kept unresolved', ['seed=${model.lr}'], (c) => c['seed'], '${model.lr}'],
    ['the later of two overrides of a key wins', ['seed=1', 'seed=2'], (c) => c['seed'], 2],
  ];
  for (const [title, overrides, pick, expected] of cases) {
    it(title, () => {
      expect(pick(run(overrides))).toEqual(expected);
    });
  }

  const errors: [string, string[], RegExp][] = [
    ['changing a key that does not exist', ['model.dropout=0.1'], /^Could not override 'model\.dropout'\.\nTo append to your config use \+model\.dropout=0\.1$/],
    ['changing below a scalar', ['seed.x=1'], /Could not override 'seed\.x'/],
    ['merging a dict with a new key without +', ['model.opt={eps: 1}'], /Could not override 'model\.opt'\.\nTo append to your config use \+model\.opt=\{eps: 1\}/],
    ['adding a key that exists', ['+seed=1'], /Could not append to config\. An item is already at 'seed'\.\nEither remove \+ prefix: 'seed=1'\nOr add a second \+ to add or override 'seed': '\+\+seed=1'/],
    ['deleting a key that does not exist', ['~model.nope'], /Could not delete from config\. 'model\.nope' does not exist\./],
    ['deleting with the wrong value', ['~seed=5'], /The value of 'seed' is 0 and not 5\./],
    ['a package on a key that is not a group', ['seed@pkg=1'], /config group 'seed' does not exist/],
  ];
  for (const [title, overrides, message] of errors) {
    it(`rejects ${title}`, () => {
      expect(() => run(overrides)).toThrow(ConfigCompositionError);
      expect(() => run(overrides)).toThrow(message);
    });
  }

  it('records task and hydra overrides apart, as overrides.yaml and hydra.yaml do', () => {
    const composed = compose({ source, overrides: ['seed=1', 'hydra.job.chdir=true', 'hydra/launcher=local'], env: {} });
    expect(composed.overrides).toEqual({ task: ['seed=1'], hydra: ['hydra.job.chdir=true', 'hydra/launcher=local'] });
    expect((composed.hydra['job'] as ConfigObject)['chdir']).toBe(true);
    expect('hydra' in composed.config).toBe(false);
  });

  it('copies hydra.job.env_copy variables into env_set at composition', () => {
    const composed = compose({ source, overrides: ['hydra.job.env_copy=[TOKEN]'], env: { TOKEN: 't0k' } });
    expect(((composed.hydra['job'] as ConfigObject)['env_set'] as ConfigObject)['TOKEN']).toBe('t0k');
    expect(() => compose({ source, overrides: ['hydra.job.env_copy=[TOKEN]'], env: {} })).toThrow(/env_copy names 'TOKEN'/);
  });
});

describe('mergeInto merges as OmegaConf merges untyped configs', () => {
  const cases: [string, ConfigObject, ConfigObject, ConfigObject][] = [
    ['mappings merge deeply', { a: { x: 1, y: 2 } }, { a: { y: 3, z: 4 } }, { a: { x: 1, y: 3, z: 4 } }],
    ['lists are replaced, not concatenated', { l: [1, 2, 3] }, { l: [9] }, { l: [9] }],
    ['a scalar replaces a mapping', { a: { x: 1 } }, { a: 5 }, { a: 5 }],
    ['a mapping replaces a scalar', { a: 5 }, { a: { x: 1 } }, { a: { x: 1 } }],
    ['`???` does not erase an existing value', { a: 1 }, { a: '???' }, { a: 1 }],
    ['`???` is added when the key is new', {}, { a: '???' }, { a: '???' }],
    ['null replaces a value', { a: { x: 1 } }, { a: null }, { a: null }],
  ];
  for (const [title, target, source, expected] of cases) {
    it(title, () => {
      mergeInto(target, source);
      expect(target).toEqual(expected);
    });
  }

  it('copies what it takes, so later edits do not reach the source', () => {
    const from: ConfigObject = { a: { l: [1] } };
    const into: ConfigObject = {};
    mergeInto(into, from);
    ((into['a'] as ConfigObject)['l'] as number[]).push(2);
    expect(from).toEqual({ a: { l: [1] } });
  });
});
