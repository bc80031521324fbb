import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallbackError, CallbackLoadError, createLauncher, type Callback } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'callbacks', 'recording-callback.mjs');
const node = (code: string) => [process.execPath, '-e', code];

describe('callbacks in a launch', () => {
  const tempDir = useTempDirs();

  it('runs hooks in the launching process, in order, and the launch waits for them before it settles', async () => {
    const cwd = await tempDir();
    const calls: string[] = [];
    const pid: number[] = [];
    const slowEnd: Callback = {
      name: 'slow-end',
      on_multirun_end: async () => {
        await new Promise((r) => setTimeout(r, 300));
        calls.push('slow end done');
      },
    };
    const recorder: Callback = {
      on_multirun_start: (p) => void calls.push(`start ${p.launch.mode} ${p.jobs.map((j) => j.num).join(',')}`),
      on_job_start: () => void pid.push(process.pid),
      on_job_end: (p) => void calls.push(`end ${p.job.num} ${p.outcome.status} ${p.outputDir === p.job.outputDir}`),
      on_multirun_end: (p) => void calls.push(`all ${p.counts.completed} ${p.counts.failed}`),
    };
    const result = await createLauncher({ launcher: 'basic' }).launch(
      [{ overrides: ['a=1'], command: node('') }, { overrides: ['a=2'], command: node('process.exit(1)') }],
      { cwd, mode: 'multirun', callbacks: [recorder, slowEnd] },
    );
    expect(result.counts).toMatchObject({ completed: 1, failed: 1 });
    expect(calls).toEqual(['start multirun 0,1', 'end 0 completed true', 'end 1 failed true', 'all 1 1', 'slow end done']);
    expect(pid).toEqual([process.pid, process.pid]);
  });

  it('loads a callback class by _target_ with its parameters, and calls the run hooks for a single run', async () => {
    const cwd = await tempDir();
    const file = join(cwd, 'calls.txt');
    await createLauncher({ launcher: 'local' }).launch([{ overrides: ['lr=0.1'], config: { lr: 0.1 }, command: node('') }], {
      cwd,
      callbacks: [{ _target_: './recording-callback.mjs#RecordingCallback', file, tag: 'yaml' }],
      callbacksBaseDir: join(FIXTURE, '..'),
    });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toEqual(['yaml run_start run 1', 'yaml job_start 0', 'yaml job_end 0 completed lr=0.1', 'yaml run_end 1']);
  });

  it('reports a hook that outlives its _timeout_s_ and finishes the launch anyway', async () => {
    const cwd = await tempDir();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const started = Date.now();
      const result = await createLauncher({ launcher: 'basic' }).launch([{ command: node('') }], {
        cwd,
        callbacks: [{ _target_: `${FIXTURE}#hangingCallback`, _timeout_s_: 0.3 }],
      });
      expect(result.ok).toBe(true);
      expect(Date.now() - started).toBeLessThan(20_000);
      await new Promise((r) => setImmediate(r));
      expect(warnings.map((w) => w.message).join('\n')).toMatch(/Callback "hanging" did not finish on_job_end within 0.3 s/);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('cancels the launch and rejects it with the error when a callback says it must not fail', async () => {
    const cwd = await tempDir();
    const strict: Callback = { name: 'strict', onError: 'fail', on_job_end: () => { throw new Error('tracking server said 500'); } };
    const started = Date.now();
    const handle = createLauncher({ launcher: 'basic' }).launch([{ command: node('') }, { command: node('setTimeout(() => {}, 30000)') }, { command: node('') }], {
      cwd,
      mode: 'multirun',
      callbacks: [strict],
    });
    const statuses: string[] = [];
    handle.on('job:end', (e) => statuses.push(e.status));
    const error = await handle.result.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(CallbackError);
    expect(error).toMatchObject({ code: 'ERR_CALLBACK', callback: 'strict', hook: 'on_job_end', message: expect.stringContaining('tracking server said 500') });
    // the first job completed; the launch was cancelled while the second ran, so it never got to 30 s
    expect(statuses).toEqual(['completed', 'cancelled', 'cancelled']);
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('refuses an unloadable _target_ before anything runs, naming the target and the file tried', async () => {
    const cwd = await tempDir();
    const launch = (target: string) => createLauncher({ launcher: 'basic' }).launch([{ command: node('') }], { cwd, callbacks: [{ _target_: target }] }).result;
    await expect(launch('./nope.mjs#Missing')).rejects.toMatchObject({ code: 'ERR_CALLBACK_LOAD', message: expect.stringMatching(/"\.\/nope\.mjs#Missing" \(tried file:.*nope\.mjs\): import\(\) failed/) });
    await expect(launch(`${FIXTURE}#notACallback`)).rejects.toBeInstanceOf(CallbackLoadError);
    await expect(launch(`${FIXTURE}#Nothing`)).rejects.toThrow(/no export "Nothing" \(its exports: RecordingCallback, hangingCallback, notACallback\)/);
    await expect(launch('no-such-package-x#cb')).rejects.toThrow(/no such package/);
    await expect(createLauncher().launch([{ command: node('') }], { cwd, callbacks: [{ _target_: `${FIXTURE}#hangingCallback`, _on_error_: 'explode' as 'fail' }] }).result).rejects.toThrow(/_on_error_ must be "warn"/);
  });
});
