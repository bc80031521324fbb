import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMarkedProcesses } from '../../src/process/process-mark.js';
import { runChildProcess, type ChildProcessSpec } from '../../src/process/run-child-process.js';
import { StopSwitch } from '../../src/process/stop-switch.js';
import type { Clock } from '../../src/process/system-clock.js';
import { isAlive, jobScript, useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** A clock whose timers fire only when the test says so: time-out and grace logic without sleeping. */
function manualClock() {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const timer = { at: now + ms, resolve };
        timers.push(timer);
        signal?.addEventListener('abort', () => {
          timers.splice(timers.indexOf(timer), 1);
          reject(signal.reason);
        });
      }),
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.resolve();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

async function spec(overrides: Partial<ChildProcessSpec> & Pick<ChildProcessSpec, 'argv'>): Promise<ChildProcessSpec> {
  const dir = await tempDir();
  return { cwd: dir, env: { ...process.env, SPECTRAMIND_RUN_DIR: dir }, stdoutFile: join(dir, 'stdout.log'), stderrFile: join(dir, 'stderr.log'), timeoutMs: null, killGraceMs: 5000, signal: new AbortController().signal, ...overrides };
}

const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('runChildProcess', () => {
  it('times a job out on the injected clock, with no real waiting for the limit', async () => {
    const { clock, advance } = manualClock();
    let spawned = false;
    const running = runChildProcess(await spec({ argv: ['sleep', '60'], timeoutMs: 3_600_000, clock, onSpawn: () => (spawned = true) }));
    await until(() => spawned);
    advance(3_600_000); // an hour "passes": SIGTERM, and sleep obeys it
    expect(await running).toEqual({ kind: 'timed-out', signal: 'SIGTERM' });
  });

  it('escalates to SIGKILL when the grace period of the injected clock ends', async () => {
    const { clock, advance, pending } = manualClock();
    const controller = new AbortController();
    let spawned = false;
    const argv = [process.execPath, '-e', "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)"];
    const base = await spec({ argv, killGraceMs: 10_000, signal: controller.signal, clock, onSpawn: () => (spawned = true) });
    const running = runChildProcess(base);
    await until(() => spawned && readFileSync(base.stdoutFile, 'utf8').includes('up'));
    controller.abort('stop');
    await until(() => pending() > 0);
    advance(10_000);
    expect(await running).toMatchObject({ kind: 'stopped', reason: 'stop', signal: 'SIGKILL' });
  });

  it("stops a job through its own signal too, with that signal's reason", async () => {
    const own = new AbortController();
    let spawned = false;
    const running = runChildProcess(await spec({ argv: ['sleep', '60'], jobSignals: [own.signal], onSpawn: () => (spawned = true) }));
    await until(() => spawned);
    own.abort('cancelled alone');
    expect(await running).toMatchObject({ kind: 'stopped', reason: 'cancelled alone', signal: 'SIGTERM' });
  });

  it("stops a job through a StopSwitch as through a signal, the launch's or its own, and through one stopped before it started", async () => {
    const launch = new StopSwitch();
    const own = new StopSwitch();
    let spawned = false;
    const running = runChildProcess(await spec({ argv: ['sleep', '60'], signal: launch, jobSignals: [own], onSpawn: () => (spawned = true) }));
    await until(() => spawned);
    launch.stop('launch cancelled');
    expect(await running).toMatchObject({ kind: 'stopped', reason: 'launch cancelled', signal: 'SIGTERM' });
    const early = new StopSwitch();
    early.stop('cancelled before it started');
    expect(await runChildProcess(await spec({ argv: ['sleep', '60'], jobSignals: [early] }))).toMatchObject({ kind: 'stopped', reason: 'cancelled before it started' });
  });

  it('reports a program that cannot start as spawn-failed, never as an exception', async () => {
    expect(await runChildProcess(await spec({ argv: ['echo', 'a\u0000b'] }))).toMatchObject({ kind: 'spawn-failed' });
    expect(await runChildProcess(await spec({ argv: ['true', 'v'.repeat(3_000_000)] }))).toMatchObject({ kind: 'spawn-failed', error: { code: 'E2BIG' } });
    expect(await runChildProcess(await spec({ argv: ['no-such-program-xyz'] }))).toMatchObject({ kind: 'spawn-failed', error: { code: 'ENOENT' } });
  });

  it('reports a log folder that cannot be written as spawn-failed', async () => {
    const base = await spec({ argv: ['true'] });
    expect(await runChildProcess({ ...base, stdoutFile: join(base.cwd, 'missing', 'stdout.log') })).toMatchObject({ kind: 'spawn-failed', error: { code: 'ENOENT' } });
  });

  it('stops marked grandchildren in a new session or process group when the job is cancelled', async () => {
    const controller = new AbortController();
    const base = await spec({ argv: [process.execPath, jobScript('escape-group.mjs')], signal: controller.signal, killGraceMs: 200, mark: 'test-launch-a/0' });
    mkdirSync(base.cwd, { recursive: true });
    const running = runChildProcess(base);
    await until(() => readFileSync(base.stdoutFile, 'utf8').includes('ready'));
    const pids = readFileSync(join(base.cwd, 'escaped.pids'), 'utf8').split(' ').map(Number);
    expect(pids.every(isAlive)).toBe(true);
    expect(await findMarkedProcesses({ exact: 'test-launch-a/0' })).toEqual(expect.arrayContaining(pids));
    controller.abort('cancelled');
    expect(await running).toMatchObject({ kind: 'stopped' });
    await until(() => !pids.some(isAlive));
  });

  it('splits streamed output into bounded pieces', async () => {
    const lines: string[] = [];
    const argv = [process.execPath, '-e', "process.stdout.write('x'.repeat(200000)); process.stdout.write('\\nend\\n')"];
    expect(await runChildProcess(await spec({ argv, onLine: (_s, line) => lines.push(line) }))).toEqual({ kind: 'exited', exitCode: 0 });
    expect(lines.map((l) => l.length)).toEqual([65536, 65536, 65536, 200000 - 3 * 65536, 3]);
  });
});
