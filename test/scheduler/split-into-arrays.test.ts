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
      { timeMin: 60, jobName: 'a', offset: 0, count: 2, taskLimits: [] },
      { timeMin: 10, jobName: 'a', offset: 2, count: 1, taskLimits: [] },
      { timeMin: 10, jobName: 'b', offset: 3, count: 1, taskLimits: [] },
    ]);
  });

  it('keeps jobs that differ only in their time limit in one array with the longest limit when the scheduler sets limits per task', () => {
    const jobs = [5, 10, 5, 1, 10, 5].map((timeMin) => ({ timeMin, jobName: 'a' }));
    expect(splitIntoArrays(jobs, 100, { perTaskTimeLimit: true })).toEqual([
      {
        timeMin: 10,
        jobName: 'a',
        offset: 0,
        count: 6,
        taskLimits: [
          { timeMin: 1, tasks: [3] },
          { timeMin: 5, tasks: [0, 2, 5] },
        ],
      },
    ]);
  });

  it('still starts a new array per name, per MaxArraySize and per gap in job numbers when limits are set per task', () => {
    const jobs = [
      { timeMin: 1, jobName: 'a', num: 0 },
      { timeMin: 2, jobName: 'a', num: 1 },
      { timeMin: 1, jobName: 'a', num: 2 },
      { timeMin: 2, jobName: 'b', num: 3 },
      { timeMin: 2, jobName: 'b', num: 5 },
    ];
    expect(splitIntoArrays(jobs, 2, { perTaskTimeLimit: true }).map((c) => [c.offset, c.count, c.timeMin, c.taskLimits])).toEqual([
      [0, 2, 2, [{ timeMin: 1, tasks: [0] }]],
      [2, 1, 1, []],
      [3, 1, 2, []],
      [5, 1, 2, []],
    ]);
  });

  it('gives every task of a mixed array exactly one limit: the array limit, or its own in one group', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 300 }), fc.integer({ min: 1, max: 120 }), (limits, max) => {
        const chunks = splitIntoArrays(limits.map((timeMin) => ({ timeMin, jobName: 'a' })), max, { perTaskTimeLimit: true });
        expect(chunks).toHaveLength(Math.ceil(limits.length / max));
        for (const chunk of chunks) {
          const own = new Map(chunk.taskLimits.flatMap((l) => l.tasks.map((t) => [t, l.timeMin] as const)));
          expect(own.size).toBe(chunk.taskLimits.reduce((n, l) => n + l.tasks.length, 0));
          for (let task = 0; task < chunk.count; task += 1) expect(own.get(task) ?? chunk.timeMin).toBe(limits[chunk.offset + task]);
          expect([...own.values()].every((t) => t < chunk.timeMin)).toBe(true);
        }
      }),
    );
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
