import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher, type JobStateChanged, type LaunchEvent } from '../../src/index.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import type { KaggleSummary } from '../../src/launchers/kaggle/build-kaggle-summary.js';
import { createKaggleLauncher } from '../../src/launchers/kaggle/kaggle-launcher.js';
import { useTempDirs } from '../support/temp-dir.js';
import { steppedClock } from './stepped-clock.js';

const node = process.execPath;
const script = (name: string): string => new URL(`./jobs/${name}`, import.meta.url).pathname;
const kaggle = createKaggleLauncher({ env: () => ({}) });
const make = (input: Record<string, unknown>) => createLauncher({ launcher: 'kaggle', ...input }, { launchers: [kaggle as unknown as LauncherDefinition<never>] });
const readSummary = (dir: string): KaggleSummary => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as KaggleSummary;
const readEvents = (file: string): LaunchEvent[] => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LaunchEvent);

describe('the kaggle launcher guardrails', () => {
  const tempDir = useTempDirs();

  it('skips a job that would overrun, stops the job running at the deadline in time, and leaves the bundle and the summary', async () => {
    const root = await tempDir();
    const clock = steppedClock(); // real time from a fixed date; the test adds the session's minutes
    const handle = make({ max_duration_min: 60, timeout_min: 90, kill_grace_s: 0.5, output_root: root, collect: ['submission.csv', 'checkpoint.pt'] }).launch(
      [
        { command: [node, script('predict.mjs'), '10', 'v1'], overrides: ['step=predict'] },
        { command: [node, script('predict.mjs'), '10', 'never'], overrides: ['step=ensemble'], expected_duration_min: 50 },
        { command: [node, script('stubborn.mjs')], overrides: ['step=refine'] },
        { command: [node, script('predict.mjs'), '10', 'late'], overrides: ['step=late'] },
      ],
      { cwd: root, clock },
    );
    const states: JobStateChanged[] = [];
    handle.on('job:state', (event) => states.push(event));
    let deadlineReachedAt = 0;
    let stubbornEndedAt = 0;
    handle.on('job:start', (event) => {
      if (event.job.num === 0) clock.advance(20 * 60_000); // the prediction "takes" 20 minutes
      // Refining overruns: once it is up, the clock passes the deadline (60 minutes).
      if (event.job.num === 2) {
        void untilLogSays(join(event.job.outputDir, 'stdout.log'), 'ready').then(() => {
          deadlineReachedAt = Date.now();
          clock.advance(45 * 60_000);
        });
      }
    });
    handle.on('job:end', (event) => {
      if (event.job.num === 2) stubbornEndedAt = Date.now();
    });
    const result = await handle;

    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'skipped', 'timed-out', 'skipped']);
    expect(result.jobs[1]).toMatchObject({ attempts: 0, reason: expect.stringMatching(/needs about 50 min \(its expected_duration_min\) but only (39\.\d|40) min are left/) as unknown });
    expect(result.jobs[3]).toMatchObject({ reason: expect.stringMatching(/^not started: the launch deadline passed/) as unknown });
    expect(states.map((s) => [s.job.num, s.state])).toEqual([[1, 'skipped-by-budget'], [2, 'stopped-by-guardrail'], [3, 'skipped-by-budget']]);

    // The stubborn job got SIGTERM at the deadline, ignored it, and was killed once the grace period ran out.
    const stopped = result.jobs[2]!;
    const sigtermAt = Number(readFileSync(join(stopped.job.outputDir, 'sigterm.txt'), 'utf8'));
    expect(sigtermAt).toBeGreaterThanOrEqual(deadlineReachedAt);
    expect(sigtermAt).toBeLessThan(stubbornEndedAt);
    expect(stubbornEndedAt - deadlineReachedAt).toBeGreaterThanOrEqual(500 - 20);
    expect(stubbornEndedAt - deadlineReachedAt).toBeLessThan(500 + 10_000);
    if (stopped.status === 'timed-out') expect(stopped.timeoutMs).toBeGreaterThan(39 * 60_000);

    // The completed job's submission wins over the stopped job's partial one, at the output root.
    expect(readFileSync(join(root, 'submission.csv'), 'utf8')).toBe('id,target\n0,v1\n');
    expect(readFileSync(join(result.jobs[0]!.job.outputDir, 'stdout.log'), 'utf8')).toBe('wrote submission v1; KAGGLE=true KAGGLE_GPU=1\n');

    const summary = readSummary(result.dir);
    expect(summary).toMatchObject({
      launcher: 'kaggle',
      final: true,
      outputRoot: root,
      counts: { completed: 1, skipped: 2, 'timed-out': 1, failed: 0, cancelled: 0 },
      stoppedByGuardrail: 1,
      deadlineSetBy: 'max_duration_min',
      artifacts: { collected: [{ path: join(root, 'submission.csv'), job: 0, shadowedJobs: [2] }], unmatched: ['checkpoint.pt'], errors: [] },
    });
    expect(Date.parse(summary.deadline)).toBe(Date.parse(summary.startedAt) + 60 * 60_000);
    expect(Date.parse(summary.endedAt)).toBeLessThan(Date.parse(summary.wall));
    expect(summary.jobs.map((j) => [j.num, j.status, j.stoppedByGuardrail])).toEqual([[0, 'completed', false], [1, 'skipped', false], [2, 'timed-out', true], [3, 'skipped', false]]);
    // Everything, the summary included, is written before launch:end closes the event log.
    const events = readEvents(result.eventsFile);
    expect(events.at(-1)).toMatchObject({ type: 'launch:end', counts: { completed: 1, skipped: 2, 'timed-out': 1 } });
    expect(statSync(join(result.dir, 'summary.json')).mtimeMs).toBeLessThanOrEqual(statSync(result.eventsFile).mtimeMs);
    expect(result.dir.startsWith(root)).toBe(true);
  });

  it('lets a job that handles SIGTERM save its work before the kill, and collects it', async () => {
    const root = await tempDir();
    const clock = steppedClock();
    let deadlineReachedAt = 0;
    const handle = make({ max_duration_min: 10, kill_grace_s: 20, output_root: root, collect: ['*.pt'] }).launch([{ command: [node, script('polite.mjs')] }], { cwd: root, clock });
    handle.on('job:start', (event) => {
      void untilLogSays(join(event.job.outputDir, 'stdout.log'), 'ready').then(() => {
        deadlineReachedAt = Date.now();
        clock.advance(11 * 60_000);
      });
    });
    const result = await handle;
    expect(result.jobs[0]).toMatchObject({ status: 'timed-out' });
    expect(Date.now() - deadlineReachedAt).toBeLessThan(10_000); // SIGTERM sufficed: no 20-second wait for SIGKILL
    expect(readFileSync(join(root, 'checkpoint.pt'), 'utf8')).toBe('saved on SIGTERM\n');
    expect(readSummary(result.dir).artifacts.collected).toMatchObject([{ path: join(root, 'checkpoint.pt'), job: 0 }]);
  });

  it('budgets a 9-hour session from the jobs already run, with real processes and hours that pass on the clock', async () => {
    const root = await tempDir();
    const clock = steppedClock();
    const handle = make({ output_root: root }).launch(
      [0, 1, 2].map((n) => ({ command: [node, script('predict.mjs'), '10', `s${n}`], overrides: [`seed=${n}`] })),
      { cwd: root, clock },
    );
    handle.on('job:start', () => clock.advance(200 * 60_000)); // each job "takes" 200 minutes
    const result = await handle;
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'skipped']);
    expect(result.jobs[2]).toMatchObject({ reason: expect.stringMatching(/needs about 3 h 20 min \(the longest completed job\) but only 2 h are left before the launch deadline$/) as unknown });
    const summary = readSummary(result.dir);
    expect(summary.deadlineSetBy).toBe('max_duration_min');
    expect(Date.parse(summary.deadline) - Date.parse(summary.startedAt)).toBe(520 * 60_000);
    expect(summary.timeLeftMs).toBeGreaterThan(119 * 60_000);
    expect(readFileSync(join(result.jobs[1]!.job.outputDir, 'stdout.log'), 'utf8')).toContain('wrote submission s1');
  });

  it('stops a running job when the clock reaches the deadline, even when hours pass at once', async () => {
    const root = await tempDir();
    const clock = steppedClock();
    const handle = make({ kill_grace_s: 0.3, output_root: root }).launch([{ command: [node, script('stubborn.mjs')] }, { command: [node, script('predict.mjs'), '10'] }], { cwd: root, clock });
    // Once the job is up (its SIGTERM handler installed), 521 minutes pass at once.
    let jumpedAt = 0;
    handle.on('job:start', (event) => {
      void untilLogSays(join(event.job.outputDir, 'stdout.log'), 'ready').then(() => {
        jumpedAt = Date.now();
        clock.advance(521 * 60_000);
      });
    });
    const result = await handle;
    expect(result.jobs.map((j) => j.status)).toEqual(['timed-out', 'skipped']);
    expect(result.jobs[0]).toMatchObject({ timeoutMs: expect.any(Number) as unknown });
    expect(Date.now() - jumpedAt).toBeLessThan(10_000); // stopped right after the jump, not by any real-time limit
    expect(existsSync(join(result.jobs[0]!.job.outputDir, 'sigterm.txt'))).toBe(true);
    expect(readSummary(result.dir)).toMatchObject({ stoppedByGuardrail: 1, counts: { 'timed-out': 1, skipped: 1 } });
  });

  it('writes the run folder and the bundle under the output root, wherever the launch starts', async () => {
    const root = await tempDir();
    const elsewhere = await tempDir();
    const result = await make({ output_root: root, collect: ['submission.csv'] }).launch([{ command: [node, script('predict.mjs'), '10', 'here'] }], { cwd: elsewhere });
    expect(result.dir.startsWith(join(root, 'logs/runs/'))).toBe(true);
    expect(readFileSync(join(root, 'submission.csv'), 'utf8')).toBe('id,target\n0,here\n');
    expect(existsSync(join(result.dir, 'summary.json'))).toBe(true);
    expect(existsSync(join(elsewhere, 'logs'))).toBe(false);
  });

  it('stops an in-process function job at the deadline through its abort signal', async () => {
    const root = await tempDir();
    const clock = steppedClock();
    const result = await make({ output_root: root }).launch(
      [{ run: ({ signal }) => new Promise((resolve) => { signal.addEventListener('abort', () => resolve('saved')); clock.advance(600 * 60_000); }) }, { run: () => 'never' }],
      { cwd: root, clock },
    );
    expect(result.jobs.map((j) => j.status)).toEqual(['timed-out', 'skipped']);
    expect(readSummary(result.dir)).toMatchObject({ stoppedByGuardrail: 1, deadlineSetBy: 'max_duration_min' });
  });

  it('puts a finished job submission in the output root before the next job ends', async () => {
    const root = await tempDir();
    const handle = make({ output_root: root, collect: ['submission.csv'], kill_grace_s: 1 }).launch(
      [{ command: [node, script('predict.mjs'), '10', 'first'] }, { command: [node, script('polite.mjs')] }],
      { cwd: root },
    );
    const seen = new Promise<{ submission: string; summary: KaggleSummary }>((resolve) => {
      handle.on('job:start', (event) => {
        if (event.job.num !== 1) return;
        resolve({ submission: readFileSync(join(root, 'submission.csv'), 'utf8'), summary: readSummary(join(event.job.outputDir, '..')) });
        handle.cancel('seen enough');
      });
    });
    const { submission, summary } = await seen;
    expect(submission).toBe('id,target\n0,first\n');
    expect(summary).toMatchObject({ final: false, counts: { completed: 1 }, artifacts: { collected: [{ job: 0 }] } });
    const result = await handle;
    expect(readSummary(result.dir)).toMatchObject({ final: true, counts: { completed: 1, cancelled: 1 } });
  });

  it('caps a big log, keeping its head and tail around a note', async () => {
    const root = await tempDir();
    const result = await make({ max_log_mb: 1 }).launch([{ command: [node, script('chatty.mjs'), '3'] }], { cwd: root });
    const log = readFileSync(join(result.jobs[0]!.job.outputDir, 'stdout.log'), 'utf8');
    expect(Buffer.byteLength(log)).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.byteLength(log)).toBeGreaterThan(1024 * 1024 - 200);
    expect(log.startsWith('FIRST LINE\n')).toBe(true);
    expect(log.endsWith('LAST LINE\n')).toBe(true);
    expect(log).toMatch(/\n\[spectramind-launch: \d+ bytes of this \d+-byte log were cut here to respect max_log_mb=1\]\n/);
    expect(readSummary(result.dir).jobs[0]).toMatchObject({ status: 'completed', truncatedLogs: ['stdout.log'] });
  });

  it('keeps the log of a job that is still writing near the cap, and notes every cut byte at the end', async () => {
    const root = await tempDir();
    const clock = steppedClock();
    const cap = 256 * 1024;
    const handle = make({ max_log_mb: 0.25, kill_grace_s: 1 }).launch([{ command: [node, script('flood.mjs')] }], { cwd: root, clock });
    let trimmedTo = -1;
    handle.on('job:start', (event) => {
      const log = join(event.job.outputDir, 'stdout.log');
      void (async () => {
        await until(() => existsSync(log) && statSync(log).size > 4 * cap);
        clock.advance(2000); // the next check of the logs is due
        await until(() => statSync(log).size < 2 * cap);
        trimmedTo = statSync(log).size;
        handle.cancel('seen the trim');
      })();
    });
    const result = await handle;
    expect(trimmedTo).toBeGreaterThan(0);
    const log = readFileSync(join(result.jobs[0]!.job.outputDir, 'stdout.log'), 'utf8');
    expect(Buffer.byteLength(log)).toBeLessThanOrEqual(cap);
    expect(log.startsWith('ready\nline 0000000000\n')).toBe(true);
    const note = /\n\[spectramind-launch: (\d+) bytes of this (\d+)-byte log were cut here to respect max_log_mb=0\.25\]\n/.exec(log);
    expect(Number(note?.[2])).toBeGreaterThan(4 * cap);
    expect(readSummary(result.dir).jobs[0]).toMatchObject({ status: 'cancelled', truncatedLogs: ['stdout.log'] });
  });

  it('still writes the summary when the launch is cancelled', async () => {
    const root = await tempDir();
    const handle = make({ kill_grace_s: 1 }).launch([{ command: [node, script('polite.mjs')] }, { command: [node, script('predict.mjs'), '10'] }], { cwd: root });
    handle.on('job:start', () => handle.cancel('user stopped the notebook'));
    const result = await handle;
    expect(result.jobs.map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    expect(readSummary(result.dir)).toMatchObject({ counts: { cancelled: 2 }, jobs: [{ ran: true }, { ran: false, reason: 'never started: user stopped the notebook' }] });
  });

  it('stops after a failure when asked to fail fast, and says so in the summary', async () => {
    const root = await tempDir();
    const result = await make({ fail_fast: true }).launch([{ command: [node, '-e', 'process.exit(2)'] }, { command: [node, '-e', ''] }], { cwd: root });
    expect(result.jobs.map((j) => j.status)).toEqual(['failed', 'skipped']);
    expect(readSummary(result.dir).jobs[1]).toMatchObject({ reason: 'not started: fail_fast stopped the launch after a failure' });
  });
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > giveUp) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function untilLogSays(file: string, text: string): Promise<void> {
  while (!(existsSync(file) && readFileSync(file, 'utf8').includes(text))) await new Promise((resolve) => setTimeout(resolve, 20));
}
