import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveSubmititFolder } from '../../src/scheduler/render-batch-launch.js';
import { splitIntoArrays } from '../../src/scheduler/split-into-arrays.js';

const same = (n: number) => Array.from({ length: n }, () => ({ timeMin: 60, jobName: 'app' }));

describe('splitIntoArrays', () => {
  it.each([
    ['no jobs', 0, 10001, []],
    ['one job', 1, 10001, [[0, 1]]],
    ['1000 jobs under MaxArraySize', 1000, 10001, [[0, 1000]]],
    ['1000 jobs with MaxArraySize 300', 1000, 300, [[0, 300], [300, 300], [600, 300], [900, 100]]],
    ['exactly MaxArraySize jobs', 4, 4, [[0, 4]]],
  ])('splits %s', (_name, n, max, expected) => {
    expect(splitIntoArrays(same(n), max).map((c) => [c.offset, c.count])).toEqual(expected);
  });

  it('starts a new array where the time limit or the name changes', () => {
    const jobs = [
      { timeMin: 60, jobName: 'a' },
      { timeMin: 60, jobName: 'a' },
      { timeMin: 10, jobName: 'a' },
      { timeMin: 10, jobName: 'b' },
    ];
    expect(splitIntoArrays(jobs, 100)).toEqual([
      { timeMin: 60, jobName: 'a', offset: 0, count: 2 },
      { timeMin: 10, jobName: 'a', offset: 2, count: 1 },
      { timeMin: 10, jobName: 'b', offset: 3, count: 1 },
    ]);
  });

  it('makes ceil(N / MaxArraySize) arrays that cover every job once, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 1200 }), (n, max) => {
        const chunks = splitIntoArrays(same(n), max);
        expect(chunks).toHaveLength(Math.ceil(n / max));
        let next = 0;
        for (const chunk of chunks) {
          expect(chunk.offset).toBe(next);
          expect(chunk.count).toBeGreaterThan(0);
          expect(chunk.count).toBeLessThanOrEqual(max);
          next += chunk.count;
        }
        expect(next).toBe(n);
      }),
    );
  });

  it('refuses a MaxArraySize that is not a positive integer', () => {
    expect(() => splitIntoArrays(same(1), 0)).toThrow(/positive integer, got 0/);
  });
});

describe('resolveSubmititFolder', () => {
  it.each([
    ['the default', '${hydra.sweep.dir}/.submitit', '/runs/s/.submitit'],
    ["Hydra's submitit default with its per-job %j", '${hydra.sweep.dir}/.submitit/%j', '/runs/s/.submitit'],
    ['a relative folder', 'slurm-files', '/runs/s/slurm-files'],
    ['an absolute folder', '/scratch/me/x', '/scratch/me/x'],
  ])('resolves %s', (_name, template, expected) => {
    expect(resolveSubmititFolder(template, '/runs/s')).toBe(expected);
  });
});

describe('splitIntoArrays for a resumed launch', () => {
  it('starts a new array where job numbers skip, so task i still runs job offset+i', () => {
    const jobs = [1, 2, 4, 7].map((num) => ({ timeMin: 5, jobName: 'a', num }));
    expect(splitIntoArrays(jobs, 100).map((c) => [c.offset, c.count])).toEqual([[1, 2], [4, 1], [7, 1]]);
  });
});
