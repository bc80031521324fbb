import { describe, expect, it } from 'vitest';
import { OverrideParseError, parseOverride } from '../../src/overrides/index.js';
import { SweepError, countSweepJobs, expandSweep, filterGlob, seededRandom } from '../../src/sweep/index.js';

describe('expandSweep follows the BasicSweeper', () => {
  it('expands the command line from the issue into 9 jobs with the launcher settings in each', () => {
    const e = expandSweep(['hydra/launcher=local', 'hydra.launcher.max_parallel_jobs=6', 'model.lr=1e-4,2e-4,5e-4', 'seed=7,11,13']);
    expect(e.jobCount).toBe(9);
    expect(e.jobAt(0)).toEqual(['hydra/launcher=local', 'hydra.launcher.max_parallel_jobs=6', 'model.lr=0.0001', 'seed=7']);
    expect(e.jobAt(8)).toEqual(['hydra/launcher=local', 'hydra.launcher.max_parallel_jobs=6', 'model.lr=0.0005', 'seed=13']);
  });

  it('makes the first sweep the outer loop and carries non-sweeps into every job at their position', () => {
    const jobs = [...expandSweep(['a=1,2', 'fixed=x', 'b=y,z']).jobs()];
    expect(jobs).toEqual([
      ['a=1', 'fixed=x', 'b=y'],
      ['a=1', 'fixed=x', 'b=z'],
      ['a=2', 'fixed=x', 'b=y'],
      ['a=2', 'fixed=x', 'b=z'],
    ]);
  });

  it('writes values the way Hydra does', () => {
    const jobs = [...expandSweep(['model.lr=1e-4,1e16', 'flag=true', "name='a b',c d", 'x=choice(\'q r\')']).jobs()];
    expect(jobs[0]).toEqual(['model.lr=0.0001', 'flag=True', "name='a b'", 'x=q\\ r']);
    expect(jobs[3]).toEqual(['model.lr=1e+16', 'flag=True', 'name=c\\ d', 'x=q\\ r']);
  });

  it('keeps the first position and the last value of a repeated key', () => {
    expect([...expandSweep(['a=1', 'b=2', 'a=3,4']).jobs()]).toEqual([
      ['a=3', 'b=2'],
      ['a=4', 'b=2'],
    ]);
  });

  it('treats +key and key as different keys, as Hydra does', () => {
    expect(expandSweep(['a=1', '+a=2']).jobAt(0)).toEqual(['a=1', '+a=2']);
  });

  it('passes ~key to each job as ~key=null', () => {
    expect(expandSweep(['~db', 'x=1,2']).jobAt(1)).toEqual(['~db=null', 'x=2']);
  });

  it('puts hydra.sweeper.params before the command line', () => {
    const e = expandSweep(['ratio=0.1'], { params: { db: 'mysql,postgresql', seed: 7, half: 0.5, on: true } });
    expect(e.jobAt(0)).toEqual(['db=mysql', 'seed=7', 'half=0.5', 'on=True', 'ratio=0.1']);
    expect(e.jobCount).toBe(2);
  });

  it('produces no job for an empty range and one empty job for no overrides', () => {
    expect(countSweepJobs(['x=range(3,3)', 'y=1,2'])).toBe(0);
    expect([...expandSweep([]).jobs()]).toEqual([[]]);
  });

  it('accepts parsed overrides as well as strings', () => {
    expect(expandSweep([parseOverride('x=range(2)')]).jobAt(1)).toEqual(['x=1']);
  });

  it('expands float ranges with Hydra 1.3 decimal arithmetic', () => {
    const values = [...expandSweep(['x=range(0,1,0.1)']).jobs()].map((j) => j[0]);
    expect(values).toEqual(['x=0.0', 'x=0.1', 'x=0.2', 'x=0.3', 'x=0.4', 'x=0.5', 'x=0.6', 'x=0.7000000000000001', 'x=0.8', 'x=0.9']);
  });

  it('expands descending int ranges', () => {
    expect([...expandSweep(['x=range(5,0,-2)']).jobs()]).toEqual([['x=5'], ['x=3'], ['x=1']]);
  });
});

describe('batches', () => {
  it.each([
    ['no limit gives one batch', null, [3]],
    ['-1 gives one batch', -1, [3]],
    ['a limit slices, the last batch short', 2, [2, 1]],
    ['a limit above the job count gives one batch', 10, [3]],
  ] as const)('%s', (_name, maxBatchSize, sizes) => {
    const e = expandSweep(['x=1,2,3'], { maxBatchSize });
    expect([...e.batches()].map((b) => b.length)).toEqual(sizes);
    expect(e.batchCount).toBe(sizes.length);
    expect([...e].flat()).toEqual([['x=1'], ['x=2'], ['x=3']]);
  });

  it('rejects a batch size that is not a positive integer', () => {
    expect(() => expandSweep(['x=1'], { maxBatchSize: 0 })).toThrow(SweepError);
    expect(() => expandSweep(['x=1'], { maxBatchSize: 1.5 })).toThrow(/positive integer/);
  });
});

describe('laziness', () => {
  const grid = Array.from({ length: 6 }, (_, p) => `p${p}=0,1,2,3,4,5,6,7,8,9`);

  it('counts a 10^6 grid without producing a job', () => {
    const e = expandSweep(grid);
    expect(e.jobCount).toBe(1_000_000);
    expect(e.dimensions.map((d) => d.size)).toEqual([10, 10, 10, 10, 10, 10]);
  });

  it('gives any job directly, in the same order as iteration', () => {
    const e = expandSweep(grid);
    expect(e.jobAt(123_456)).toEqual(['p0=1', 'p1=2', 'p2=3', 'p3=4', 'p4=5', 'p5=6']);
    const it5 = e.jobs();
    for (let i = 0; i < 5; i++) it5.next();
    expect(it5.next().value).toEqual(e.jobAt(5));
    expect(() => e.jobAt(1_000_000)).toThrow(RangeError);
  });

  it('handles a huge int range without materialising it', () => {
    const e = expandSweep(['x=range(0,100000000000)']);
    expect(e.jobCount).toBe(100_000_000_000);
    expect(e.jobAt(99_999_999_999)).toEqual(['x=99999999999']);
  });
});

describe('shuffle and glob', () => {
  it('reproduces a shuffled sweep from the same seed and keeps its values', () => {
    const run = (seed: number): string[] => [...expandSweep(['x=shuffle(range(10))'], { random: seededRandom(seed) }).jobs()].map((j) => j[0] as string);
    expect(run(7)).toEqual(run(7));
    expect([...run(7)].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `x=${i}`).sort());
    expect(run(7)).not.toEqual(run(8));
  });

  it('expands a glob against the injected group options, sorted like Hydra', () => {
    const listGroupOptions = (group: string): string[] => (group === 'db' ? ['sqlite', 'mysql', 'postgresql'] : []);
    expect([...expandSweep(['db=glob(*,exclude=sq*)'], { listGroupOptions }).jobs()]).toEqual([['db=mysql'], ['db=postgresql']]);
  });

  it.each([
    ['* matches anything', ['a', 'bc'], ['*'], [], ['a', 'bc']],
    ['? matches one character', ['a', 'bc'], ['?'], [], ['a']],
    ['[seq] matches a set', ['a1', 'b1', 'c1'], ['[ab]1'], [], ['a1', 'b1']],
    ['[!seq] excludes a set', ['a1', 'b1', 'c1'], ['[!ab]1'], [], ['c1']],
    ['exclude wins over include', ['mysql', 'postgresql'], ['*'], ['my*'], ['postgresql']],
    ['regex characters are literal', ['a.b', 'axb'], ['a.b'], [], ['a.b']],
  ] as const)('glob filtering: %s', (_name, names, include, exclude, expected) => {
    expect(filterGlob(names, include, exclude)).toEqual(expected);
  });
});

describe('sweeps the basic sweeper cannot run raise SweepError', () => {
  it.each([
    ['interval()', 'x=interval(0,1)', /interval/],
    ['a zero int step', 'x=range(1,5,0)', /must not be zero/],
    ['a zero float step', 'x=range(0,1.0,0.0)', /non-zero step/],
    ['glob() without a group lister', 'db=glob(*)', /listGroupOptions/],
    ['a sweep nested in a list', 'x=[choice(1,2)]', /nested/],
    ['a sweep nested in a simple choice', 'x=a,sort(c,b)', /nested/],
  ] as const)('%s', (_name, text, message) => {
    let caught: unknown;
    try {
      expandSweep([text]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SweepError);
    expect((caught as SweepError).code).toBe('ERR_SWEEP');
    expect((caught as SweepError).override).toBe(text);
    expect((caught as SweepError).message).toMatch(message);
  });
});

describe('hydra.sweeper.params values become text as Python formats them', () => {
  it.each([
    ['a list', { x: [1, 'a'] }, "x=[1,'a']"],
    ['a float', { x: 2.5 }, 'x=2.5'],
    ['null', { x: null }, 'x=None'],
  ] as const)('%s', (_name, params, job) => {
    expect(expandSweep([], { params }).jobAt(0)).toEqual([job]);
  });

  it('rejects a dict param as Hydra does, since Python writes its keys quoted', () => {
    expect(() => expandSweep([], { params: { x: { k: 2 } } })).toThrow(OverrideParseError);
  });
});

describe('runaway float ranges', () => {
  it('are refused up front rather than materialised', () => {
    expect(() => expandSweep(['x=range(0,1e9,0.001)'])).toThrow(/more than 50000000/);
  });
});
