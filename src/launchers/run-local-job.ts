import { statSync } from 'node:fs';
import { join } from 'node:path';
import { JobSpecError } from '../errors.js';
import { toJobErrorInfo, type JobOutcome } from '../job/job-outcome.js';
import { readWorkerReport } from '../job/read-worker-report.js';
import { runChildProcess, type ChildExit } from '../process/run-child-process.js';
import { listenForStop, type Stop } from '../process/stop-switch.js';
import type { Clock } from '../process/system-clock.js';
import type { PlannedJob } from '../run/launch-plan.js';

/** What running one job on this machine needs from the launch. */
export interface LocalRunSpec {
  readonly job: PlannedJob;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number | null;
  readonly killGraceMs: number;
  /** The launch's stop. */
  readonly signal: Stop;
  /** This job's own stops (see `ChildProcessSpec.jobSignals`). */
  readonly jobSignals?: readonly Stop[];
  readonly clock: Clock;
  /** The job's process mark (SPECTRAMIND_PROCESS_MARK); null: unmarked. */
  readonly mark: string | null;
  /** The job's log files, opened ahead (see `openJobLogs`); owned from here on. Without them the logs are opened at spawn. */
  readonly logs?: { readonly stdout: number; readonly stderr: number };
  /** Called when the job runs: its pid and start time (null for a function job). */
  readonly onSpawn: (pid: number | null, startTicks: number | null) => void;
  readonly onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Outcome for a job stopped by `signal` (cancel, or a budget's guardrail). */
  readonly stoppedOutcome: (reason: unknown, signal: string | null) => JobOutcome;
}

/** Runs a planned job here (a child process, or the function for function jobs) and maps its end to an outcome. Never rejects. */
export async function runLocalJob(spec: LocalRunSpec): Promise<JobOutcome> {
  const { job } = spec;
  if (job.payload.kind === 'function') return runFunctionJob(spec, job.payload.run);
  const exit = await runChildProcess({
    argv: job.payload.argv,
    cwd: job.cwd,
    env: spec.env,
    stdoutFile: join(job.outputDir, 'stdout.log'),
    stderrFile: join(job.outputDir, 'stderr.log'),
    ...(spec.logs === undefined ? {} : { openedLogs: spec.logs }),
    timeoutMs: spec.timeoutMs,
    killGraceMs: spec.killGraceMs,
    signal: spec.signal,
    ...(spec.jobSignals === undefined ? {} : { jobSignals: spec.jobSignals }),
    clock: spec.clock,
    mark: spec.mark,
    onSpawn: spec.onSpawn,
    ...(spec.onLine ? { onLine: spec.onLine } : {}),
  });
  // Checked only when the start failed: a stat per job would sit on the launching thread for nothing.
  const missingCwd = exit.kind === 'spawn-failed' ? checkCwd(job) : null;
  if (missingCwd !== null) return { status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(missingCwd) };
  return outcomeOfExit(exit, spec, job.payload.kind === 'module' ? String(spec.env.SPECTRAMIND_RESULT) : null);
}

/** A working folder that is not there would read as "command not found" from spawn: say what it is. */
function checkCwd(job: PlannedJob): JobSpecError | null {
  try {
    if (statSync(job.cwd).isDirectory()) return null;
  } catch {
    // Missing: reported below.
  }
  return new JobSpecError(
    `Job ${job.num}: its working directory cwd=${JSON.stringify(job.cwd)} does not exist or is not a folder. Create it, or fix the job's "cwd" (relative paths resolve against the launch cwd).`,
    { job: job.num, field: 'cwd' },
  );
}

async function outcomeOfExit(exit: ChildExit, spec: LocalRunSpec, resultFile: string | null): Promise<JobOutcome> {
  switch (exit.kind) {
    case 'exited': {
      const written = resultFile === null ? null : await readWorkerReport(resultFile);
      if (exit.exitCode === 0) return { status: 'completed', exitCode: 0, result: written?.ok ? written.result : null };
      const error = written && !written.ok ? written.error : { name: 'ExitError', message: `exited with code ${exit.exitCode}; see ${join(spec.job.outputDir, 'stderr.log')}` };
      return { status: 'failed', exitCode: exit.exitCode, signal: null, error };
    }
    case 'signaled':
      return { status: 'failed', exitCode: null, signal: exit.signal, error: { name: 'SignalError', message: `killed by ${exit.signal}` } };
    case 'spawn-failed':
      return { status: 'failed', exitCode: null, signal: null, error: spawnErrorInfo(exit.error, spec) };
    case 'timed-out':
      return { status: 'timed-out', signal: exit.signal, timeoutMs: spec.timeoutMs ?? 0 };
    case 'stopped':
      return spec.stoppedOutcome(exit.reason, exit.signal);
  }
}

/** Why a program did not start, in words that point at the fix. */
function spawnErrorInfo(error: Error, spec: LocalRunSpec): { name: string; message: string; code?: string } {
  const code = (error as NodeJS.ErrnoException).code;
  const program = spec.job.payload.kind === 'function' ? '' : spec.job.payload.argv[0];
  const base = { name: 'SpawnError', ...(code ? { code } : {}) };
  if (code === 'ENOENT') return { ...base, message: `command not found: ${JSON.stringify(program)} (check the spelling, or that it is on PATH)` };
  if (code === 'E2BIG') {
    return { ...base, message: `could not start ${JSON.stringify(program)}: its arguments or environment pass the system's size limit (E2BIG; SPECTRAMIND_OVERRIDES holds the overrides). Shorten long override values, or put them in a config file.` };
  }
  if (code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_ARG_TYPE') {
    return { ...base, message: `could not start ${JSON.stringify(program)}: ${error.message}. A NUL byte in a command argument, an env value or an override cannot reach a process; remove it.` };
  }
  return { ...base, message: `could not start ${JSON.stringify(program)}: ${error.message}` };
}

async function runFunctionJob(spec: LocalRunSpec, run: NonNullable<Extract<PlannedJob['payload'], { kind: 'function' }>['run']>): Promise<JobOutcome> {
  const { job } = spec;
  const controller = new AbortController();
  const timers = new AbortController();
  // The function gets one AbortSignal: aborted by the first of the launch's stop and the job's own.
  const stops = [spec.signal, ...(spec.jobSignals ?? [])];
  const stop = (): void => {
    const stopped = stops.find((one) => one.aborted);
    if (stopped !== undefined && !controller.signal.aborted) controller.abort(stopped.reason);
  };
  const forget = stops.map((one) => listenForStop(one, stop));
  try {
    const stopped = new Promise<JobOutcome>((resolve) => {
      controller.signal.addEventListener('abort', () => resolve(spec.stoppedOutcome(controller.signal.reason, null)), { once: true });
      if (spec.timeoutMs !== null) {
        const timeoutMs = spec.timeoutMs;
        spec.clock.sleep(timeoutMs, timers.signal).then(
          () => {
            resolve({ status: 'timed-out', signal: null, timeoutMs });
            controller.abort('timed out');
          },
          () => undefined,
        );
      }
    });
    // Reported only now, so a listener that cancels on job:start is heard.
    spec.onSpawn(null, null);
    stop();
    const ran = (async (): Promise<JobOutcome> => {
      const result: unknown = await run({ num: job.num, id: job.id, config: job.config, overrides: job.overrides, outputDir: job.outputDir, signal: controller.signal });
      return { status: 'completed', exitCode: null, result: result === undefined ? null : result };
    })().catch((error: unknown): JobOutcome => ({ status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(error) }));
    return await Promise.race([ran, stopped]);
  } finally {
    timers.abort();
    for (const forgetOne of forget) forgetOne();
  }
}
