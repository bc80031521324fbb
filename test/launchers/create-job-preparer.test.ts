import { closeSync, existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInlineJobFiles } from '../../src/launchers/create-inline-job-files.js';
import { createJobFilesWorker, type JobFilesWorker } from '../../src/launchers/create-job-files-worker.js';
import { createJobPreparer } from '../../src/launchers/create-job-preparer.js';
import { renderRunMetadata } from '../../src/run/metadata/write-run-metadata.js';
import type { PlannedJob } from '../../src/run/launch-plan.js';
import { createJobSnapshotWriter, renderJobSnapshots } from '../../src/run/snapshots/write-job-snapshots.js';
import { SAMPLE_LAUNCHER, SAMPLE_METADATA, samplePlan } from '../run/support/sample-plan.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** A plan of `count` jobs in `dir` (the sample plan's first job, renumbered). */
function jobsIn(dir: string, count: number) {
  const plan = samplePlan(dir);
  const template = plan.jobs[0] as PlannedJob;
  const jobs = Array.from({ length: count }, (_, num): PlannedJob => ({ ...template, num, id: `L1_${num}`, outputDir: join(dir, String(num)), stateDir: join(dir, String(num), '.hydra') }));
  return { plan: { ...plan, jobs }, jobs };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 10));
};
const pointsAt = (fd: number): string | null => {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
};

describe('createJobPreparer', () => {
  it('hands a starting job its whole .hydra folder and open logs, and prepares the next jobs ahead', async () => {
    const dir = await tempDir();
    const { plan, jobs } = jobsIn(dir, 8);
    const preparer = createJobPreparer({ upcoming: jobs, ahead: 3, writeSnapshots: createJobSnapshotWriter(plan, SAMPLE_LAUNCHER, SAMPLE_METADATA) });
    const logs = await preparer.readyToRun(jobs[0] as PlannedJob);
    expect(readdirSync(join(dir, '0', '.hydra')).sort()).toEqual(['config.yaml', 'hydra.yaml', 'metadata.json', 'overrides.yaml']);
    expect(logs).not.toBeNull();
    writeSync(logs!.stdout, 'out\n');
    expect(await readFile(join(dir, '0', 'stdout.log'), 'utf8')).toBe('out\n');
    await settle();
    expect([1, 2, 3].map((num) => existsSync(join(dir, String(num), '.hydra', 'config.yaml')))).toEqual([true, true, true]);
    expect([1, 2, 3].map((num) => existsSync(join(dir, String(num), 'stdout.log')))).toEqual([true, true, true]);
    expect(existsSync(join(dir, '4'))).toBe(false);
    // The next job's logs were opened ahead: it gets those, and the window moves on.
    const next = await preparer.readyToRun(jobs[1] as PlannedJob);
    expect(pointsAt(next!.stderr)).toBe(join(dir, '1', 'stderr.log'));
    await settle();
    expect(existsSync(join(dir, '4', '.hydra', 'config.yaml'))).toBe(true);
    expect(existsSync(join(dir, '5'))).toBe(false);
    await preparer.closeUnused();
  });

  it('closes the logs of jobs prepared ahead that never ran', async () => {
    const dir = await tempDir();
    const { plan, jobs } = jobsIn(dir, 4);
    const preparer = createJobPreparer({ upcoming: jobs, ahead: 2, writeSnapshots: createJobSnapshotWriter(plan, SAMPLE_LAUNCHER, SAMPLE_METADATA) });
    await preparer.readyToRun(jobs[0] as PlannedJob);
    await settle();
    const logFiles = [1, 2].flatMap((num) => ['stdout.log', 'stderr.log'].map((name) => join(dir, String(num), name)));
    const openFds = (): string[] => readdirSync('/proc/self/fd').map((fd) => pointsAt(Number(fd)) ?? '').filter((target) => logFiles.includes(target));
    expect(openFds()).toHaveLength(4);
    await preparer.closeUnused();
    expect(openFds()).toEqual([]);
  });

  it('never prepares again a job that already ran: a look-ahead deferred past that job\'s end leaves its folder alone', async () => {
    const dir = await tempDir();
    const { plan, jobs } = jobsIn(dir, 6);
    const write = createJobSnapshotWriter(plan, SAMPLE_LAUNCHER, SAMPLE_METADATA);
    const writes = new Map<number, number>();
    const preparer = createJobPreparer({
      upcoming: jobs,
      ahead: 3,
      writeSnapshots: (job) => {
        writes.set(job.num, (writes.get(job.num) ?? 0) + 1);
        return write(job);
      },
    });
    // Job 0's look-ahead waits for a later turn of the event loop; job 1 starts and ends before it runs.
    const first = preparer.readyToRun(jobs[0] as PlannedJob);
    const second = preparer.readyToRun(jobs[1] as PlannedJob);
    preparer.forget(jobs[1] as PlannedJob);
    await Promise.all([first, second]);
    await settle();
    expect(writes.get(1)).toBe(1);
    expect([2, 3].map((num) => writes.get(num))).toEqual([1, 1]);
    await preparer.closeUnused();
  });

  it('rejects for a job whose folder cannot be made, and only for that job', async () => {
    const dir = await tempDir();
    const { plan, jobs } = jobsIn(dir, 2);
    writeFileSync(join(dir, '0'), 'a file where the folder should be');
    const preparer = createJobPreparer({ upcoming: jobs, writeSnapshots: createJobSnapshotWriter(plan, SAMPLE_LAUNCHER, SAMPLE_METADATA) });
    await expect(preparer.readyToRun(jobs[0] as PlannedJob)).rejects.toMatchObject({ code: 'ERR_RUN_DIR' });
    const logs = await preparer.readyToRun(jobs[1] as PlannedJob);
    expect(pointsAt(logs!.stdout)).toBe(join(dir, '1', 'stdout.log'));
    await preparer.closeUnused();
  });

  it.each([
    ['a worker thread', createJobFilesWorker],
    ['the launching thread itself (inline)', createInlineJobFiles],
  ])('prepares jobs ahead through %s once it runs, in batches: whole .hydra folders, open logs, and one unwritable folder fails that job only', async (_where, create) => {
    const dir = await tempDir();
    const { plan, jobs } = jobsIn(dir, 14);
    writeFileSync(join(dir, '9'), 'a file where the folder should be');
    const real = create();
    expect(real).not.toBeNull();
    const worker = real as JobFilesWorker;
    for (let i = 0; i < 500 && !worker.ready; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const batches: number[][] = [];
    const preparer = createJobPreparer({
      upcoming: jobs,
      ahead: 2,
      writeSnapshots: createJobSnapshotWriter(plan, SAMPLE_LAUNCHER, SAMPLE_METADATA),
      renderSnapshots: async (job) => renderJobSnapshots(plan, job, SAMPLE_LAUNCHER, renderRunMetadata(SAMPLE_METADATA)),
      worker: () => ({
        get ready() {
          return worker.ready;
        },
        prepare(tasks) {
          batches.push(tasks.map((task) => task.num));
          return worker.prepare(tasks);
        },
        close: () => worker.close(),
      }),
    });
    for (const job of jobs) {
      if (job.num === 9) {
        await expect(preparer.readyToRun(job)).rejects.toMatchObject({ name: 'RunDirError', code: 'ERR_RUN_DIR' });
        continue;
      }
      const logs = await preparer.readyToRun(job);
      expect(readdirSync(join(dir, String(job.num), '.hydra')).sort()).toEqual(['config.yaml', 'hydra.yaml', 'metadata.json', 'overrides.yaml']);
      writeSync(logs!.stdout, `job ${job.num}\n`);
      closeSync(logs!.stdout);
      closeSync(logs!.stderr);
      expect(await readFile(join(dir, String(job.num), 'stdout.log'), 'utf8')).toBe(`job ${job.num}\n`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Job 0 was prepared on the spot and its look-ahead (1, 2) on the thread pool, before the worker was started; the others by the worker, several to a message.
    expect(batches.flat()).toEqual(Array.from({ length: 11 }, (_, i) => i + 3));
    expect(batches.length).toBeLessThan(11);
    expect(readFileSync(join(dir, '5', '.hydra', 'config.yaml'), 'utf8')).toBe(renderJobSnapshots(plan, jobs[5] as PlannedJob, SAMPLE_LAUNCHER, '')['config.yaml']);
    await preparer.closeUnused();
  });
  it('starts the worker only once the first job run here has its logs open, so building the thread never delays the first start', async () => {
    const dir = await tempDir();
    const { plan, jobs } = jobsIn(dir, 6);
    const order: string[] = [];
    const preparer = createJobPreparer({
      upcoming: jobs,
      ahead: 2,
      writeSnapshots: createJobSnapshotWriter(plan, SAMPLE_LAUNCHER, SAMPLE_METADATA),
      renderSnapshots: async (job) => renderJobSnapshots(plan, job, SAMPLE_LAUNCHER, renderRunMetadata(SAMPLE_METADATA)),
      worker: () => {
        order.push('worker started');
        return null;
      },
    });
    const first = preparer.readyToRun(jobs[0] as PlannedJob);
    await new Promise((resolve) => setImmediate(resolve));
    const logs = await first;
    order.push('first job ready');
    expect(order).toEqual(['first job ready']);
    await settle();
    expect(order).toEqual(['first job ready', 'worker started']);
    closeSync(logs!.stdout);
    closeSync(logs!.stderr);
    await preparer.readyToRun(jobs[1] as PlannedJob).then((next) => [next!.stdout, next!.stderr].forEach((fd) => closeSync(fd)));
    await settle();
    expect(order.filter((step) => step === 'worker started')).toHaveLength(1);
    await preparer.closeUnused();
  });
});
