import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toJobErrorInfo, type JobOutcome } from '../job/job-outcome.js';
import { runChildProcess, type ChildExit } from '../process/run-child-process.js';
import type { PlannedJob } from '../run/launch-plan.js';

/** What running one job on this machine needs from the launch. */
export interface LocalRunSpec {
  readonly job: PlannedJob;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number | null;
  readonly killGraceMs: number;
  readonly signal: AbortSignal;
  readonly onSpawn: (pid: number | null) => void;
  readonly onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Outcome for a job stopped by `signal` (cancel, or a budget's guardrail). */
  readonly stoppedOutcome: (reason: unknown, signal: string | null) => JobOutcome;
}

/** Runs a planned job here (a child process, or the function for function jobs) and maps its end to an outcome. */
export async function runLocalJob(spec: LocalRunSpec): Promise<JobOutcome> {
  const { job } = spec;
  if (job.payload.kind === 'function') return runFunctionJob(spec, job.payload.run);
  const exit = await runChildProcess({
    argv: job.payload.argv,
    cwd: job.cwd,
    env: spec.env,
    stdoutFile: join(job.outputDir, 'stdout.log'),
    stderrFile: join(job.outputDir, 'stderr.log'),
    timeoutMs: spec.timeoutMs,
    killGraceMs: spec.killGraceMs,
    signal: spec.signal,
    onSpawn: spec.onSpawn,
    ...(spec.onLine ? { onLine: spec.onLine } : {}),
  });
  return outcomeOfExit(exit, spec, job.payload.kind === 'module' ? String(spec.env.SPECTRAMIND_RESULT) : null);
}

async function outcomeOfExit(exit: ChildExit, spec: LocalRunSpec, resultFile: string | null): Promise<JobOutcome> {
  switch (exit.kind) {
    case 'exited': {
      const written = resultFile === null ? null : await readModuleResult(resultFile);
      if (exit.exitCode === 0) return { status: 'completed', exitCode: 0, result: written?.ok ? written.result : null };
      const error = written && !written.ok ? written.error : { name: 'ExitError', message: `exited with code ${exit.exitCode}; see ${join(spec.job.outputDir, 'stderr.log')}` };
      return { status: 'failed', exitCode: exit.exitCode, signal: null, error };
    }
    case 'signaled':
      return { status: 'failed', exitCode: null, signal: exit.signal, error: { name: 'SignalError', message: `killed by ${exit.signal}` } };
    case 'spawn-failed': {
      const code = (exit.error as NodeJS.ErrnoException).code;
      const program = spec.job.payload.kind === 'function' ? '' : spec.job.payload.argv[0];
      const message = code === 'ENOENT' ? `command not found: ${JSON.stringify(program)} (check the spelling, or that it is on PATH)` : `could not start ${JSON.stringify(program)}: ${exit.error.message}`;
      return { status: 'failed', exitCode: null, signal: null, error: { name: 'SpawnError', message, ...(code ? { code } : {}) } };
    }
    case 'timed-out':
      return { status: 'timed-out', signal: exit.signal, timeoutMs: spec.timeoutMs ?? 0 };
    case 'stopped':
      return spec.stoppedOutcome(exit.reason, exit.signal);
  }
}

type ModuleResult = { ok: true; result: unknown } | { ok: false; error: { name: string; message: string } };

async function readModuleResult(file: string): Promise<ModuleResult | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ModuleResult;
  } catch {
    return null;
  }
}

async function runFunctionJob(spec: LocalRunSpec, run: NonNullable<Extract<PlannedJob['payload'], { kind: 'function' }>['run']>): Promise<JobOutcome> {
  const { job } = spec;
  const controller = new AbortController();
  const stop = (): void => controller.abort(spec.signal.reason);
  spec.signal.addEventListener('abort', stop, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const stopped = new Promise<JobOutcome>((resolve) => {
      controller.signal.addEventListener('abort', () => resolve(spec.stoppedOutcome(controller.signal.reason, null)), { once: true });
      if (spec.timeoutMs !== null) {
        const timeoutMs = spec.timeoutMs;
        timer = setTimeout(() => {
          resolve({ status: 'timed-out', signal: null, timeoutMs });
          controller.abort('timed out');
        }, timeoutMs);
      }
    });
    // Reported only now, so a listener that cancels on job:start is heard.
    spec.onSpawn(null);
    if (spec.signal.aborted) stop();
    const ran = (async (): Promise<JobOutcome> => {
      const result: unknown = await run({ num: job.num, id: job.id, config: job.config, overrides: job.overrides, outputDir: job.outputDir, signal: controller.signal });
      return { status: 'completed', exitCode: null, result: result === undefined ? null : result };
    })().catch((error: unknown): JobOutcome => ({ status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(error) }));
    return await Promise.race([ran, stopped]);
  } finally {
    clearTimeout(timer);
    spec.signal.removeEventListener('abort', stop);
  }
}
