import { describe, expect, it } from 'vitest';
import { expandSweep, sweepJobs } from '../../src/sweep/index.js';

describe('sweepJobs', () => {
  it('makes each job from its overrides in Hydra order, with the count known up front', () => {
    const calls: number[] = [];
    const jobs = sweepJobs(expandSweep(['a=1,2', 'b=x,y,z']), (overrides, index) => {
      calls.push(index);
      return `${index}:${overrides.join(' ')}`;
    });
    expect(jobs.size).toBe(6);
    expect(calls).toEqual([]);
    expect([...jobs]).toEqual(['0:a=1 b=x', '1:a=1 b=y', '2:a=1 b=z', '3:a=2 b=x', '4:a=2 b=y', '5:a=2 b=z']);
    expect(jobs.at(4)).toBe('4:a=2 b=y');
  });

  it('makes only the jobs read from a 10^6-job sweep', () => {
    let made = 0;
    const jobs = sweepJobs(expandSweep(['x=range(1000)', 'y=range(1000)']), (overrides) => {
      made += 1;
      return overrides;
    });
    const iterator = jobs[Symbol.iterator]();
    iterator.next();
    iterator.next();
    expect(jobs.size).toBe(1_000_000);
    expect(made).toBe(2);
    expect(jobs.at(999_999)).toEqual(['x=999', 'y=999']);
  });
});
