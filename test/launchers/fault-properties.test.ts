import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLauncher, parseEventLog, type JobSpec } from '../../src/index.js';
import { isAlive, useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

type Fault = 'missing-command' | 'nul-byte' | 'exit-1' | 'signal' | 'timeout' | 'success';
const FAULTS: readonly Fault[] = ['missing-command', 'nul-byte', 'exit-1', 'signal', 'timeout', 'success'];
/** What each fault ends as when nothing cancels the launch. */
const EXPECTED: Record<Fault, string> = { 'missing-command': 'failed', 'nul-byte': 'failed', 'exit-1': 'failed', signal: 'failed', timeout: 'timed-out', success: 'completed' };

/**
 * A job that first writes its pid and a background grandchild's pid to `pids` in its folder (so
 * the test can check both are gone after the launch), then shows its fault.
 */
function jobFor(fault: Fault, n: number): JobSpec {
  const withPid = (rest: string): string[] => ['sh', '-c', `echo $$ > "$SPECTRAMIND_RUN_DIR/pids"; sleep 30 & echo $! >> "$SPECTRAMIND_RUN_DIR/pids"; ${rest}`];
  const overrides = [`n=${n}`];
  switch (fault) {
    case 'missing-command':
      return { overrides, command: ['spectramind-no-such-command'] };
    case 'nul-byte':
      return { overrides, command: ['echo', 'a\u0000b'] };
    case 'exit-1':
      return { overrides, command: withPid('sleep 0.1; exit 1') };
    case 'signal':
      return { overrides, command: withPid('sleep 0.1; kill -9 $$') };
    case 'timeout':
      // 0.002 min = 120 ms.
      return { overrides, command: withPid('wait'), timeout_min: 0.002 };
    case 'success':
      return { overrides, command: withPid('sleep 0.2') };
  }
}

const scenario = fc.record({
  faults: fc.array(fc.constantFrom(...FAULTS), { minLength: 2, maxLength: 6 }),
  launcher: fc.oneof(fc.constant({ launcher: 'basic' as const }), fc.integer({ min: 1, max: 3 }).map((n) => ({ launcher: 'local' as const, max_parallel_jobs: n }))),
  cancelAfterMs: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
});

describe('fault containment, as a property', () => {
  it('settles random job lists with random faults and a random cancel, recording every job exactly once and leaving no process', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ faults, launcher, cancelAfterMs }) => {
        const cwd = await tempDir();
        const handle = createLauncher({ ...launcher, kill_grace_s: 0.5 }).launch(
          faults.map((fault, n) => jobFor(fault, n)),
          { cwd },
        );
        let settled = false;
        let late = 0;
        for (const type of ['job:start', 'job:end', 'launch:end'] as const) handle.on(type, () => (settled ? (late += 1) : undefined));
        const timer = cancelAfterMs === null ? null : setTimeout(() => handle.cancel('property cancel'), cancelAfterMs);
        const result = await handle;
        settled = true;
        if (timer !== null) clearTimeout(timer);

        expect(result.jobs.map((j) => j.job.num)).toEqual(faults.map((_, n) => n));
        if (cancelAfterMs === null) expect(result.jobs.map((j) => j.status)).toEqual(faults.map((f) => EXPECTED[f]));
        else for (const [n, job] of result.jobs.entries()) expect([EXPECTED[faults[n] as Fault], 'cancelled', 'skipped']).toContain(job.status);

        const events = parseEventLog(readFileSync(result.eventsFile, 'utf8')).events;
        const ends = events.flatMap((e) => (e.type === 'job:end' ? [e.job.num] : []));
        expect([...ends].sort((a, b) => a - b)).toEqual(faults.map((_, n) => n));
        expect(events.filter((e) => e.type === 'launch:end')).toHaveLength(1);
        expect(events.at(-1)?.type).toBe('launch:end');

        for (const job of result.jobs) {
          const pidFile = join(job.job.outputDir, 'pids');
          if (!existsSync(pidFile)) continue;
          // A job stopped mid-`echo` leaves an empty or partial line: only whole pids count (pid 0 would mean our own group).
          for (const pid of readFileSync(pidFile, 'utf8').split('\n').filter((l) => /^[1-9]\d*$/.test(l)).map(Number)) {
            expect(isAlive(pid), `job ${job.job.num} (${faults[job.job.num]}): pid ${pid}`).toBe(false);
          }
        }
        await new Promise((r) => setTimeout(r, 20));
        expect(late).toBe(0);
      }),
      // 15 runs take ~6 s; FAULT_RUNS=200 for a deeper search.
      { numRuns: Number(process.env.FAULT_RUNS ?? 15) },
    );
  }, 90_000);
});
