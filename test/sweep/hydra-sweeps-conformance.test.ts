import { describe, expect, it } from 'vitest';
import { SweepError, expandSweep } from '../../src/sweep/index.js';
import { listGroupOptions, readFixture } from '../overrides/fixture-files.js';

interface SweepCase {
  id: number;
  args: string[];
  config_name: string;
  max_batch_size: number | null;
  note?: string;
  sweeper_params: Record<string, string | number> | null;
  sweeper_arguments: string[];
  split_arguments?: string[][][];
  jobs?: string[][];
  split_error?: string;
  multirun?: { returncode: number; n_jobs?: number; jobs?: string[][] };
}

const cases = readFixture<SweepCase[]>('hydra-sweeps.json');
const label = (c: SweepCase): string => `case ${c.id} ${JSON.stringify(c.args)}${c.note ? ` — ${c.note}` : ''}`;

describe('multirun command lines expand into the batches Hydra 1.3 BasicSweeper produced', () => {
  it.each(cases.map((c) => [label(c), c] as const))('%s', (_label, c) => {
    const options = { maxBatchSize: c.max_batch_size, params: c.sweeper_params ?? undefined, listGroupOptions };
    if (c.split_error !== undefined) {
      expect(() => [...expandSweep(c.args, options).jobs()]).toThrow(SweepError);
      return;
    }
    const expansion = expandSweep(c.args, options);
    expect([...expansion.batches()]).toEqual(c.split_arguments);
    expect([...expansion.jobs()]).toEqual(c.jobs);
    expect(expansion.jobCount).toBe(c.jobs?.length);
    expect(expansion.batchCount).toBe(c.split_arguments?.length);
    (c.jobs ?? []).forEach((job, i) => expect(expansion.jobAt(i)).toEqual(job));
    if (c.multirun?.returncode === 0 && c.multirun.jobs !== undefined) expect([...expansion.jobs()]).toEqual(c.multirun.jobs);
  });

  it('puts hydra.sweeper.params before the command line, as sweeper_arguments records', () => {
    for (const c of cases.filter((x) => x.sweeper_params !== null && x.split_error === undefined)) {
      const fromParams = expandSweep(c.args, { params: c.sweeper_params ?? undefined, maxBatchSize: c.max_batch_size, listGroupOptions });
      const fromArguments = expandSweep(c.sweeper_arguments, { maxBatchSize: c.max_batch_size, listGroupOptions });
      expect([...fromParams.jobs()]).toEqual([...fromArguments.jobs()]);
    }
  });
});
