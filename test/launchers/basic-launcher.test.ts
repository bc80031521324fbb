import { describe, expect, it } from 'vitest';
import { createLauncher, type LaunchEvent } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { describeLauncherContract } from './launcher-contract.js';

describeLauncherContract('basic', { launcher: 'basic' });

describe('the basic launcher', () => {
  const tempDir = useTempDirs();

  it('runs jobs strictly one after another, in order', async () => {
    const cwd = await tempDir();
    const order: string[] = [];
    const handle = createLauncher().launch(
      [0, 1, 2].map((n) => ({ run: async () => { order.push(`start ${n}`); await new Promise((r) => setTimeout(r, 20)); order.push(`end ${n}`); return n * 2; } })),
      { cwd },
    );
    const result = await handle;
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(result.jobs.map((j) => (j.status === 'completed' ? j.result : null))).toEqual([0, 2, 4]);
  });

  it('hands function jobs their config and folder, and records a throw as a failure', async () => {
    const cwd = await tempDir();
    const result = await createLauncher().launch(
      [{ config: { lr: 3 }, run: ({ config, outputDir }) => ({ lr: config.lr, outputDir }) }, { run: () => { throw new TypeError('bad input'); } }],
      { cwd },
    );
    expect(result.jobs[0]).toMatchObject({ status: 'completed', result: { lr: 3, outputDir: result.jobs[0]!.job.outputDir } });
    expect(result.jobs[1]).toMatchObject({ status: 'failed', error: { name: 'TypeError', message: 'bad input' } });
  });

  it('stops after the first failure when asked to fail fast', async () => {
    const cwd = await tempDir();
    const ran: number[] = [];
    const result = await createLauncher({ fail_fast: true }).launch(
      [0, 1, 2].map((n) => ({ run: () => { ran.push(n); if (n === 1) throw new Error('no'); } })),
      { cwd },
    );
    expect(ran).toEqual([0, 1]);
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'skipped']);
  });

  it('emits typed lifecycle events in order', async () => {
    const cwd = await tempDir();
    const seen: LaunchEvent['type'][] = [];
    const handle = createLauncher().launch([{ run: () => 1 }, { run: () => 2 }], { cwd });
    for (const type of ['launch:start', 'job:queued', 'job:start', 'job:end', 'launch:end'] as const) handle.on(type, (e: LaunchEvent) => seen.push(e.type));
    await handle;
    expect(seen).toEqual(['launch:start', 'job:queued', 'job:queued', 'job:start', 'job:end', 'job:start', 'job:end', 'launch:end']);
  });

  it('cancels through an AbortSignal', async () => {
    const cwd = await tempDir();
    const controller = new AbortController();
    const handle = createLauncher().launch(
      [{ run: ({ signal }) => new Promise((resolve) => signal.addEventListener('abort', resolve)) }, { run: () => 'never' }],
      { cwd, signal: controller.signal },
    );
    handle.on('job:start', () => controller.abort('user pressed stop'));
    const result = await handle;
    expect(result.jobs.map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    expect(result.jobs[0]).toMatchObject({ reason: 'user pressed stop' });
  });
});
