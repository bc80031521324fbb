import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import type { Launcher } from '../launchers/launcher-types.js';
import type { LaunchHandle } from '../launchers/launch-handle.js';
import { isRunning } from '../process/stop-processes.js';
import { contractJob } from './contract-jobs.js';

/** What the per-job handle cases need from the launcher contract suite. */
export interface JobHandleContractContext {
  readonly timeout: number;
  readonly killWithinMs: number;
  readonly tempDir: () => Promise<string>;
  readonly make: () => Promise<Launcher>;
}

/**
 * The per-job handle cases of the launcher contract (submitit's `Job`): a handle per job number
 * before the job runs, its state, a bounded tail of its logs, its result, and a cancel of one job
 * while the rest of the launch carries on; and `streamOutput` lines for every launcher.
 */
export function describeJobHandleContract(context: JobHandleContractContext): void {
  const { timeout } = context;

  it('gives each job a handle with its state, the tail of its logs and its result', { timeout }, async () => {
    const cwd = await context.tempDir();
    const jobs = [0, 1, 2].map((n) => ({ overrides: [`n=${n}`], command: contractJob('print-lines') }));
    const handle = (await context.make()).launch(jobs, { cwd });
    const second = handle.job(1);
    expect(second.num).toBe(1);
    expect(second.state).toEqual({ phase: 'queued' });
    expect(() => handle.job(3)).toThrow(RangeError);
    // a job:end listener already reads its job as finished
    const finishedInListener: string[] = [];
    handle.on('job:end', (event) => finishedInListener.push(handle.job(event.job.num).state.phase));
    const result = await handle;
    expect(finishedInListener).toEqual(['finished', 'finished', 'finished']);
    expect(handle.jobs().map((job) => job.num)).toEqual([0, 1, 2]);
    expect(second.state).toMatchObject({ phase: 'finished', record: { status: 'completed' } });
    expect(second.name).toBe(result.jobs[1]?.job.name);
    expect(await second.result()).toEqual(result.jobs[1]);
    expect(second.schedulerId).toBe(result.jobs[1]?.scheduler?.id ?? null);
    expect(await second.stdout({ tail: 2 })).toBe('out-4\nout-5\n');
    expect(await second.stdout()).toContain('out-1\nout-2\nout-3\nout-4\nout-5\n');
    expect(await second.stderr({ tail: 1 })).toContain('err-1');
    expect(await second.cancel()).toBe(false);
  });

  it('cancels one job through its handle while the other jobs complete', { timeout }, async () => {
    const cwd = await context.tempDir();
    const jobs = [contractJob('write-num'), contractJob('wait-forever'), contractJob('write-num')].map((command, n) => ({ overrides: [`n=${n}`], command }));
    const handle = (await context.make()).launch(jobs, { cwd });
    const pid = await runningPid(handle, 1);
    expect(handle.job(1).state.phase).toBe('running');
    expect(await handle.job(1).cancel('the contract suite cancels job 1 only')).toBe(true);
    const result = await handle;
    expect(result.cancelled).toBe(false);
    expect(result.jobs.map((job) => job.status)).toEqual(['completed', 'cancelled', 'completed']);
    expect(result.jobs[1]).toMatchObject({ status: 'cancelled', reason: expect.stringContaining('the contract suite cancels job 1 only') });
    for (const num of [0, 2]) expect(readFileSync(join(result.jobs[num]?.job.outputDir ?? '', 'num.txt'), 'utf8')).toBe(String(num));
    const deadline = Date.now() + context.killWithinMs;
    while (isRunning(pid) && Date.now() < deadline) await sleep(200);
    expect(isRunning(pid)).toBe(false);
  });

  it('streams each job output line as a job:output event when asked', { timeout }, async () => {
    const cwd = await context.tempDir();
    const jobs = [0, 1].map((n) => ({ overrides: [`n=${n}`], command: contractJob('print-lines', 1500) }));
    const handle = (await context.make()).launch(jobs, { cwd, streamOutput: true });
    const lines = new Map<number, string[]>();
    handle.on('job:output', (event) => lines.set(event.job.num, [...(lines.get(event.job.num) ?? []), `${event.stream}:${event.line}`]));
    const ended: number[] = [];
    // every line of a job comes before its job:end
    handle.on('job:end', (event) => ended.push(lines.get(event.job.num)?.length ?? 0));
    const result = await handle;
    expect(result.ok).toBe(true);
    for (const num of [0, 1]) {
      const got = lines.get(num) ?? [];
      expect(got.filter((line) => line.startsWith('stdout:out-'))).toEqual(['stdout:out-1', 'stdout:out-2', 'stdout:out-3', 'stdout:out-4', 'stdout:out-5']);
      // a launcher that merges stderr into stdout reports it there
      expect(got.some((line) => line.endsWith(':err-1'))).toBe(true);
    }
    expect(ended.every((count) => count >= 6)).toBe(true);
  });
}

/** Waits until job `num` runs (its handle says so and it wrote its pid) and returns the pid. */
async function runningPid(handle: LaunchHandle, num: number): Promise<number> {
  const job = handle.job(num);
  for (;;) {
    const { state, outputDir } = job;
    if (state.phase === 'finished') throw new Error(`job ${num} ended before it was seen running: ${JSON.stringify(state.record)}`);
    const pidFile = outputDir === null ? null : join(outputDir, 'pid.txt');
    if (state.phase === 'running' && pidFile !== null && existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '') return Number(readFileSync(pidFile, 'utf8'));
    await sleep(100);
  }
}
