import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { defineSlurmLauncher } from '../../src/launchers/slurm/slurm-launcher.js';
import { expandSweep } from '../../src/sweep/expand-sweep.js';
import { sweepJobs } from '../../src/sweep/sweep-jobs.js';
import { fakeScheduler } from './fake-scheduler.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dryRun(jobs: number, fields: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'describe-batch-'));
  dirs.push(dir);
  const { sharing } = fakeScheduler();
  const launcher = createLauncher(
    { launcher: 'slurm', ...fields, hydra: { sweep: { dir: join(dir, 'sweep'), subdir: '${hydra.job.num}' } } },
    { launchers: [defineSlurmLauncher({ commands: sharing }) as unknown as LauncherDefinition<never>] },
  );
  return launcher.launch(Array.from({ length: jobs }, (_, i) => ({ command: ['echo', String(i)] })), { dryRun: true }).details;
}

describe('describeBatchPlan', () => {
  it('renders every array of a large launch but keeps only the first 20 scripts and calls in full, with the counts', () => {
    const details = dryRun(50, { max_array_size: 2, array_parallelism: 3 });
    expect(details).toMatchObject({ jobCount: 50, arrayCount: 25, submitCalls: 26 });
    const scripts = details.scripts as { offset: number; count: number; text: string }[];
    expect(scripts).toHaveLength(20);
    expect(scripts[19]).toMatchObject({ offset: 38, count: 2 });
    expect(scripts[19]?.text).toContain('jobs 38..39');
    expect(details.jobScripts as unknown[]).toHaveLength(20);
    expect(details.submitCommands as unknown[]).toHaveLength(20);
    // shared budget: 2 + 1 for the first arrays, the rest wait held
    expect((details.arrayCaps as number[]).slice(0, 4)).toEqual([2, 1, 0, 0]);
    expect(details.shown).toMatch(/^the first 20 of 25 array scripts, 20 of 50 job scripts, 20 of 26 submit calls and 20 of 27 scheduler calls \(all 25 scripts were rendered: \d+ bytes\)$/);
  });

  it('renders every array of a lazy sweep, past the jobs the dry run plans and lists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'describe-batch-'));
    dirs.push(dir);
    const launcher = createLauncher({ launcher: 'slurm', max_array_size: 1000, hydra: { sweep: { dir: join(dir, 'sweep'), subdir: '${hydra.job.num}' } } });
    const source = sweepJobs(expandSweep(['a=range(0,50)', 'b=range(0,100)']), (overrides) => ({ command: ['true'], overrides }));
    const dry = launcher.launch(source, { dryRun: true, dryRunJobs: 10 });
    expect(dry.plan.jobs).toHaveLength(10);
    expect(dry.jobCount).toBe(5000);
    expect(dry.details).toMatchObject({ jobCount: 5000, arrayCount: 5, submitCalls: 6 });
    const scripts = dry.details.scripts as { offset: number; count: number; text: string }[];
    expect(scripts.map((s) => [s.offset, s.count])).toEqual([[0, 1000], [1000, 1000], [2000, 1000], [3000, 1000], [4000, 1000]]);
    expect(scripts[4]?.text).toContain('jobs 4000..4999');
  });

  it('shows everything and says nothing about truncation for a small launch', () => {
    const details = dryRun(3, {});
    expect(details).toMatchObject({ jobCount: 3, arrayCount: 1, submitCalls: 2 });
    expect(details.scripts as unknown[]).toHaveLength(1);
    expect(details.jobScripts as unknown[]).toHaveLength(3);
    expect(details).not.toHaveProperty('shown');
  });
});
