import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/process/system-clock.js';
import { createLogTailer } from '../../src/scheduler/tail-job-logs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A clock whose sleeps end only when the test calls `tick()`: one poll of the tailer per tick. */
function steppedClock(): Clock & { tick(): Promise<void> } {
  const waiting: (() => void)[] = [];
  let slept: (() => void) | null = null;
  return {
    now: () => 0,
    sleep: (_ms, signal) =>
      new Promise<void>((resolve, reject) => {
        waiting.push(resolve);
        slept?.();
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
    // wakes the poll and returns once it read the files and went back to sleep
    async tick() {
      const next = new Promise<void>((resolve) => {
        slept = resolve;
      });
      for (const wake of waiting.splice(0)) wake();
      await next;
      slept = null;
    },
  };
}

function setup(capBytes = 1024 * 1024) {
  const dir = mkdtempSync(join(tmpdir(), 'tail-logs-'));
  dirs.push(dir);
  const clock = steppedClock();
  const lines: string[] = [];
  const tailer = createLogTailer({ clock, intervalMs: 1000, capBytes, onLine: (num, stream, line) => lines.push(`${num} ${stream}:${line}`) });
  const logs = { stdout: join(dir, 'a.out'), stderr: join(dir, 'a.err') };
  return { dir, clock, lines, tailer, logs };
}

describe('tailing batch job logs', () => {
  it('emits the lines a running job appends, poll by poll, and its last partial line when drained', async () => {
    const { clock, lines, tailer, logs } = setup();
    tailer.follow(0, logs);
    await clock.tick(); // no file yet: nothing, no error
    writeFileSync(logs.stdout, 'one\ntw');
    await clock.tick();
    expect(lines).toEqual(['0 stdout:one']);
    appendFileSync(logs.stdout, 'o\nthree');
    appendFileSync(logs.stderr, 'oops\n');
    await clock.tick();
    expect(lines).toEqual(['0 stdout:one', '0 stdout:two', '0 stderr:oops']);
    await tailer.drain(0, logs);
    expect(lines.at(-1)).toBe('0 stdout:three');
    await tailer.close();
  });

  it('reads a merged log (stderr into stdout) once, as stdout', async () => {
    const { lines, tailer, logs } = setup();
    writeFileSync(logs.stdout, 'both\n');
    await tailer.drain(3, { stdout: logs.stdout, stderr: logs.stdout });
    expect(lines).toEqual(['3 stdout:both']);
    await tailer.close();
  });

  it('reads a log that shrank (a requeued task rewrote it) again from its start', async () => {
    const { clock, lines, tailer, logs } = setup();
    tailer.follow(0, logs);
    writeFileSync(logs.stdout, 'attempt one, a long first line\n');
    await clock.tick();
    writeFileSync(logs.stdout, 'attempt 2\n');
    await clock.tick();
    expect(lines).toEqual(['0 stdout:attempt one, a long first line', '0 stdout:attempt 2']);
    await tailer.close();
  });

  it('stops making events past the per-job cap and says how many bytes it left out', async () => {
    const { lines, tailer, logs } = setup(20);
    writeFileSync(logs.stdout, 'abcdefghi\n0123456789\nmore than the cap\n');
    await tailer.drain(0, logs);
    expect(lines[0]).toBe('0 stdout:abcdefghi');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^0 stdout:\[spectramind\] 29 bytes of stdout were not recorded as events \(at most 20 bytes per job\); .*a\.out has them all$/);
    await tailer.close();
  });

  it('cuts an overlong line into bounded pieces as the local launcher does', async () => {
    const { lines, tailer, logs } = setup(10 * 1024 * 1024);
    writeFileSync(logs.stdout, `${'y'.repeat(64 * 1024 + 10)}\n`);
    await tailer.drain(0, logs);
    expect(lines.map((line) => line.length - '0 stdout:'.length)).toEqual([64 * 1024, 10]);
    await tailer.close();
  });
});
