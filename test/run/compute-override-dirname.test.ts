import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeOverrideDirname, overrideKeyOrGroup } from '../../src/run/compute-override-dirname.js';

interface SweepCase {
  id: number | string;
  args: string[];
  multirun?: { jobs: string[][]; override_dirnames: string[] };
}

const sweeps = JSON.parse(readFileSync(new URL('../fixtures/conformance/hydra-sweeps.json', import.meta.url), 'utf8')) as SweepCase[];
const hydraDefaults = { kv_sep: '=', item_sep: ',', exclude_keys: [] as string[] };
const realRuns = sweeps.flatMap((c) =>
  (c.multirun?.jobs ?? []).map((overrides, i) => ({ name: `case ${c.id} ${JSON.stringify(c.args)} job ${i}`, overrides, expected: c.multirun!.override_dirnames[i] })),
);

describe('computeOverrideDirname', () => {
  it('has real Hydra runs to compare against', () => {
    expect(realRuns.length).toBeGreaterThan(20);
  });

  it.each(realRuns)('matches Hydra 1.3 for $name', ({ overrides, expected }) => {
    expect(computeOverrideDirname(overrides, hydraDefaults)).toBe(expected);
  });

  it.each([
    { name: 'sorts overrides as typed, by code point', overrides: ['seed=1', 'b=2', '+a=3', 'B=4'], opts: {}, expected: '+a=3,B=4,b=2,seed=1' },
    { name: 'replaces every "=" with kv_sep, values included', overrides: ['a=b=c', 'd=e'], opts: { kv_sep: ':' }, expected: 'a:b:c,d:e' },
    { name: 'joins with item_sep', overrides: ['a=1', 'b=2'], opts: { item_sep: '/' }, expected: 'a=1/b=2' },
    { name: 'excludes keys whatever their prefix or package', overrides: ['+seed=1', '~db', '++lr=2', 'db@backup=x', 'keep=1'], opts: { exclude_keys: ['seed', 'db', 'lr'] }, expected: 'keep=1' },
    { name: 'excludes only whole keys', overrides: ['seed=1', 'seed2=2', 'x.seed=3'], opts: { exclude_keys: ['seed'] }, expected: 'seed2=2,x.seed=3' },
    { name: 'leaves hydra overrides out', overrides: ['hydra.job.chdir=true', 'hydra/launcher=local', 'a=1'], opts: {}, expected: 'a=1' },
    { name: 'keeps a delete without a value', overrides: ['~db', 'a=1'], opts: {}, expected: 'a=1,~db' },
    { name: 'sorts astral characters after the BMP as Python does', overrides: ['k=\u{1F600}', 'k=\uFF5E'], opts: {}, expected: 'k=\uFF5E,k=\u{1F600}' },
    { name: 'gives an empty name to no overrides', overrides: [], opts: {}, expected: '' },
  ])('$name', ({ overrides, opts, expected }) => {
    expect(computeOverrideDirname(overrides, { ...hydraDefaults, ...opts })).toBe(expected);
  });

  it('does not reorder the caller\'s list', () => {
    const overrides = ['b=1', 'a=2'];
    computeOverrideDirname(overrides, hydraDefaults);
    expect(overrides).toEqual(['b=1', 'a=2']);
  });
});

describe('overrideKeyOrGroup', () => {
  it.each([
    ['a.b=1', 'a.b'],
    ['+a=1', 'a'],
    ['++a=1', 'a'],
    ['~a', 'a'],
    ['~a=1', 'a'],
    ['db@pkg.x=mysql', 'db'],
    ['+db@backup=sqlite', 'db'],
    ['a=b=c', 'a'],
  ])('reads the key of %s as %s', (override, key) => {
    expect(overrideKeyOrGroup(override)).toBe(key);
  });
});
