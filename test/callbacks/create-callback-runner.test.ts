import { describe, expect, it } from 'vitest';
import type { Callback, ResolvedCallback } from '../../src/callbacks/callback.js';
import { CallbackError } from '../../src/callbacks/callback-error.js';
import { createCallbackRunner } from '../../src/callbacks/create-callback-runner.js';
import type { Clock } from '../../src/process/system-clock.js';
import type { LaunchEvent } from '../../src/run/launch-events.js';
import type { LaunchPlan } from '../../src/run/launch-plan.js';

/** A clock whose sleeps end only when the test says so (a hook's time limit passing). */
function manualClock(): Clock & { expire(): void } {
  const pending: (() => void)[] = [];
  return {
    now: () => 0,
    sleep: (_ms, signal) =>
      new Promise<void>((resolve, reject) => {
        pending.push(resolve);
        signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
      }),
    expire: () => {
      for (const resolve of pending.splice(0)) resolve();
    },
  };
}

const ref = (num: number) => ({ num, id: `L_${num}`, name: 'app', overrides: [`x=${num}`], outputDir: `/s/${num}` });
const plan = { jobs: [0, 1].map((num) => ({ ...ref(num), config: { x: num } })) } as unknown as LaunchPlan;
const base = { time: '2026-01-01T00:00:00.000Z', launchId: 'L' };
const events: LaunchEvent[] = [
  { ...base, type: 'launch:start', launcher: 'local', mode: 'multirun', dir: '/s', jobCount: 2 },
  { ...base, type: 'job:queued', job: ref(0) },
  { ...base, type: 'job:start', job: ref(0), pid: 42, attempt: 1, device: null },
  { ...base, type: 'job:end', job: ref(0), durationMs: 5, attempts: 1, status: 'completed', exitCode: 0, result: { loss: 1 } },
  { ...base, type: 'launch:end', dir: '/s', durationMs: 9, counts: { completed: 1, failed: 0, 'timed-out': 0, cancelled: 0, skipped: 0, detached: 0 }, cancelled: false },
];

function entry(name: string, callback: Callback, extra: Partial<ResolvedCallback> = {}): ResolvedCallback {
  return { name, callback, timeoutMs: 1000, onError: 'warn', ...extra };
}

describe('the callback runner', () => {
  it('calls each hook of every callback in order, one at a time, with typed payloads', async () => {
    const calls: string[] = [];
    const recorder = (name: string): Callback => ({
      on_multirun_start: async (p) => {
        await new Promise((r) => setTimeout(r, 5));
        calls.push(`${name}:start:${p.jobs.length}:${p.launch.dir}`);
      },
      on_job_start: (p) => void calls.push(`${name}:job_start:${p.job.num}:pid ${p.pid}`),
      on_job_end: (p) => void calls.push(`${name}:job_end:${p.job.num}:${p.outcome.status}:${JSON.stringify(p.outcome.status === 'completed' ? p.outcome.result : null)}:${JSON.stringify(p.config)}`),
      on_multirun_end: (p) => void calls.push(`${name}:end:${p.counts.completed}`),
      on_run_start: () => void calls.push('never: this is a multirun'),
    });
    const runner = createCallbackRunner({ callbacks: [entry('a', recorder('a')), entry('b', recorder('b'))], plan, clock: manualClock(), onFatal: () => undefined, report: () => undefined });
    for (const event of events) runner.notify(event);
    await runner.drain();
    expect(calls).toEqual([
      'a:start:2:/s',
      'b:start:2:/s',
      'a:job_start:0:pid 42',
      'b:job_start:0:pid 42',
      'a:job_end:0:completed:{"loss":1}:{"x":0}',
      'b:job_end:0:completed:{"loss":1}:{"x":0}',
      'a:end:1',
      'b:end:1',
    ]);
  });

  it('reports a throwing hook and goes on with the next callback and the next event', async () => {
    const reported: CallbackError[] = [];
    const seen: string[] = [];
    const runner = createCallbackRunner({
      callbacks: [entry('broken', { on_job_end: () => { throw new Error('no tracking server'); } }), entry('ok', { on_job_end: (p) => void seen.push(String(p.job.num)), on_multirun_end: () => void seen.push('end') })],
      plan,
      clock: manualClock(),
      onFatal: () => seen.push('fatal'),
      report: (error) => reported.push(error),
    });
    for (const event of events) runner.notify(event);
    await runner.drain();
    expect(seen).toEqual(['0', 'end']);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(CallbackError);
    expect(reported[0]).toMatchObject({ code: 'ERR_CALLBACK', callback: 'broken', hook: 'on_job_end', message: expect.stringContaining('no tracking server') });
    expect(runner.fatal).toBeNull();
  });

  it('leaves a hook behind when its time limit passes, aborting its signal, and reports the timeout', async () => {
    const clock = manualClock();
    const reported: CallbackError[] = [];
    let hookSignal: AbortSignal | null = null;
    const later: string[] = [];
    const runner = createCallbackRunner({
      callbacks: [
        entry('slow', {
          on_multirun_start: (p) => {
            hookSignal = p.signal;
            return new Promise(() => undefined); // never settles
          },
        }, { timeoutMs: 2000 }),
      ],
      plan,
      clock,
      onFatal: () => undefined,
      report: (error) => reported.push(error),
    });
    runner.notify(events[0] as LaunchEvent);
    const drained = runner.drain().then(() => later.push('drained'));
    await new Promise((r) => setTimeout(r, 10));
    expect(later).toEqual([]); // still waiting for the slow hook
    clock.expire();
    await drained;
    expect(reported.map((e) => [e.code, e.hook])).toEqual([['ERR_CALLBACK_TIMEOUT', 'on_multirun_start']]);
    expect(reported[0]?.message).toContain('within 2 s');
    expect((hookSignal as AbortSignal | null)?.aborted).toBe(true);
  });

  it('calls onFatal once for a callback configured to fail the launch, and drops events after drain', async () => {
    const fatal: string[] = [];
    let ends = 0;
    const runner = createCallbackRunner({
      callbacks: [entry('strict', { on_job_end: () => { ends += 1; throw new Error('refused'); } }, { onError: 'fail' })],
      plan,
      clock: manualClock(),
      onFatal: (error) => fatal.push(error.message),
      report: () => undefined,
    });
    for (const event of events) runner.notify(event);
    runner.notify(events[3] as LaunchEvent);
    await runner.drain();
    expect(fatal).toHaveLength(1);
    expect(runner.fatal?.code).toBe('ERR_CALLBACK');
    expect(runner.failures).toHaveLength(2);
    runner.notify(events[3] as LaunchEvent);
    await runner.drain();
    expect(ends).toBe(2);
  });
});
