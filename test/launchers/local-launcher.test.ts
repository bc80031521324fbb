import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher, JobSpecError } from '../../src/index.js';
import { jobScript, useTempDirs } from '../support/temp-dir.js';
import { describeLauncherContract } from './launcher-contract.js';

describeLauncherContract('local', { launcher: 'local', max_parallel_jobs: 2 });

/** The largest number of jobs running at the same time, from the start/end times the jobs wrote. */
function peakConcurrency(dirs: readonly string[]): number {
  const marks = dirs.flatMap((dir) => {
    const [start, end] = readFileSync(join(dir, 'times.txt'), 'utf8').trim().split('\n').map((l) => Number(l.split(' ')[1]));
    return [{ t: start!, d: 1 }, { t: end!, d: -1 }];
  });
  marks.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let peak = 0;
  for (const mark of marks) peak = Math.max(peak, (now += mark.d));
  return peak;
}

describe('the local launcher', () => {
  const tempDir = useTempDirs();

  it('runs jobs in parallel but never more than max_parallel_jobs at once', async () => {
    const cwd = await tempDir();
    let running = 0;
    let peak = 0;
    const handle = createLauncher({ launcher: 'local', max_parallel_jobs: 3 }).launch(
      Array.from({ length: 8 }, () => ({ command: [process.execPath, jobScript('sleep.mjs'), '300'] })),
      { cwd },
    );
    handle.on('job:start', () => (peak = Math.max(peak, ++running)));
    handle.on('job:end', () => running--);
    const result = await handle;
    expect(result.counts.completed).toBe(8);
    expect(peak).toBe(3);
    expect(peakConcurrency(result.jobs.map((j) => j.job.outputDir))).toBeGreaterThan(1);
    expect(peakConcurrency(result.jobs.map((j) => j.job.outputDir))).toBeLessThanOrEqual(3);
  });

  it('gives each running job its own device and never shares one', async () => {
    const cwd = await tempDir();
    const result = await createLauncher({ launcher: 'local', max_parallel_jobs: 4, devices: ['0', '1'] }).launch(
      Array.from({ length: 6 }, () => ({ command: [process.execPath, jobScript('sleep.mjs'), '200'] })),
      { cwd },
    );
    const spans = result.jobs.map((j) => {
      const [start, end] = readFileSync(join(j.job.outputDir, 'times.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
      return { device: start![2], from: Number(start![1]), to: Number(end![1]) };
    });
    expect(new Set(spans.map((s) => s.device))).toEqual(new Set(['0', '1']));
    for (const a of spans) for (const b of spans) {
      if (a !== b && a.device === b.device) expect(a.to <= b.from || b.to <= a.from).toBe(true);
    }
  });

  it('caps parallelism at the number of devices', () => {
    expect(createLauncher({ launcher: 'local', max_parallel_jobs: 8, devices: [0, 1, 2] }).config.max_parallel_jobs).toBe(3);
  });

  it('refuses function jobs with a pointer to the basic launcher', () => {
    expect(() => createLauncher({ launcher: 'local' }).launch([{ run: () => 1 }])).toThrow(JobSpecError);
    expect(() => createLauncher({ launcher: 'local' }).launch([{ run: () => 1 }])).toThrow(/basic launcher/);
  });
});
