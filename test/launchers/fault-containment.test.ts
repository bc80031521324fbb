import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLauncher, LaunchFailedError, LaunchLockedError, parseEventLog, type LaunchEvent } from '../../src/index.js';
import { isAlive, useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('fault containment', () => {
  it('records a job that cannot start (E2BIG, NUL byte, missing cwd) as failed and runs the rest', async () => {
    const cwd = await tempDir();
    const result = await createLauncher({ launcher: 'local', max_parallel_jobs: 2 }).launch(
      [
        { overrides: ['x=' + 'v'.repeat(140_000)], command: ['true'] },
        { overrides: ['y=1'], command: ['sleep', '0.2'] },
        { overrides: ['y=2'], command: ['echo', 'a\u0000b'] },
        { overrides: ['y=3'], command: ['true'], cwd: 'no-such-folder' },
        { overrides: ['y=4'], command: ['true'] },
      ],
      { cwd },
    );
    expect(result.jobs.map((j) => j.status)).toEqual(['failed', 'completed', 'failed', 'failed', 'completed']);
    const [big, , nul, missing] = result.jobs;
    expect(big?.status === 'failed' && big.error).toMatchObject({ code: 'E2BIG' });
    expect(nul?.status === 'failed' && nul.error.message).toMatch(/NUL byte/);
    expect(missing?.status === 'failed' && missing.error).toMatchObject({ code: 'ERR_JOB_SPEC', message: expect.stringMatching(/cwd=.*no-such-folder.*does not exist/) });
  });

  it('on a launch-level failure stops running jobs, records every job and launch:end, then rejects; nothing fires after', async () => {
    const cwd = await tempDir();
    let pid = 0;
    const launcher = createLauncher(
      { launcher: 'broken', kill_grace_s: 1 },
      {
        launchers: [
          {
            name: 'broken',
            schema: { type: 'object', properties: { launcher: {} } },
            createBackend: () => ({
              async execute(ctx) {
                const [first] = ctx.plan.jobs;
                if (first === undefined) return;
                void ctx.runJob(first);
                await new Promise((r) => setTimeout(r, 300));
                throw new Error('backend exploded');
              },
            }),
          },
        ],
      },
    );
    const handle = launcher.launch([{ command: ['sleep', '30'] }, { command: ['true'] }], { cwd });
    const events: LaunchEvent[] = [];
    let settled = false;
    let late = 0;
    for (const type of ['job:start', 'job:end', 'launch:end'] as const) handle.on(type, (e: LaunchEvent) => (settled ? (late += 1) : events.push(e)));
    handle.on('job:start', (e) => (pid = e.pid ?? 0));
    const error = await handle.then(
      () => null,
      (e: unknown) => e,
    );
    settled = true;
    expect(error).toBeInstanceOf(LaunchFailedError);
    expect(error).toMatchObject({ code: 'ERR_LAUNCH_FAILED', cause: expect.objectContaining({ message: 'backend exploded' }) });
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
    const ends = events.filter((e) => e.type === 'job:end');
    expect(ends.map((e) => (e.type === 'job:end' ? [e.job.num, e.status] : null))).toEqual([
      [0, 'cancelled'],
      [1, 'failed'],
    ]);
    expect(events.at(-1)?.type).toBe('launch:end');
    await new Promise((r) => setTimeout(r, 200));
    expect(late).toBe(0);
    const dir = (events.at(-1) as { dir: string }).dir;
    expect(parseEventLog(readFileSync(`${dir}/events.jsonl`, 'utf8')).events.at(-1)?.type).toBe('launch:end');
  });

  it('gives a second launch into a held folder a typed error naming the holder', async () => {
    const cwd = await tempDir();
    const launcher = createLauncher({ launcher: 'local' });
    const first = await launcher.launch([{ overrides: ['a=1'], command: ['false'] }], { cwd });
    const holder = launcher.launch([{ overrides: ['a=1'], command: ['sleep', '1'] }], { cwd, resume: first.dir });
    await new Promise<void>((resolve) => holder.once('job:start', () => resolve()));
    const second = launcher.launch([{ overrides: ['a=1'], command: ['true'] }], { cwd, resume: first.dir });
    await expect(second).rejects.toBeInstanceOf(LaunchLockedError);
    await expect(second).rejects.toThrow(new RegExp(`pid ${process.pid}`));
    expect((await holder).ok).toBe(true);
  });
});
