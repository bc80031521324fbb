import { JobSpecError } from '../../errors.js';
import { toJobErrorInfo } from '../../job/job-outcome.js';
import type { ExecutionContext, LauncherBackend } from '../launcher-definition.js';
import type { PlannedJob } from '../../run/launch-plan.js';
import { refOf } from '../../run/job-ref.js';
import { createSlurmCommands } from './create-slurm-commands.js';
import { mapLimit } from './map-limit.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import type { SlurmLauncherConfig } from './slurm-config.js';
import { renderSlurmLaunch, type SlurmLaunchDescriptor } from './slurm-launch-files.js';
import { submitArrays } from './submit-arrays.js';
import { watchSlurmJobs, type WatchedJob } from './watch-slurm-jobs.js';
import { readWorkerReport } from './read-worker-report.js';
import { writeJobFiles, writeLaunchDescriptor, writeLaunchScripts } from './write-slurm-launch.js';

/** What the slurm backend can be given instead of the real cluster (tests, benchmarks). */
export interface SlurmBackendOptions {
  /** @default createSlurmCommands({ clock: context.clock }) */
  readonly commands?: SchedulerCommands;
}

/** MaxArraySize used for a dry run when the cluster cannot be asked (SLURM's default). */
export const DEFAULT_MAX_ARRAY_SIZE = 1001;

/** Builds the slurm backend: render, write, submit as arrays, then follow (or detach). */
export function createSlurmBackend(config: SlurmLauncherConfig, options: SlurmBackendOptions = {}): LauncherBackend<SlurmLauncherConfig> {
  return {
    checkJobs(jobs) {
      const index = jobs.findIndex((job) => 'run' in job);
      if (index >= 0) {
        throw new JobSpecError(`Job ${index} is a function job; the slurm launcher runs jobs on other machines, so it takes "command" or "module" jobs only. Move the function into a module and use { module, export }.`);
      }
    },
    execute: (context) => executeSlurm(context, config, options.commands ?? createSlurmCommands({ clock: context.clock })),
  };
}

async function executeSlurm(ctx: ExecutionContext<SlurmLauncherConfig>, config: SlurmLauncherConfig, commands: SchedulerCommands): Promise<void> {
  const { plan, clock } = ctx;
  const maxArraySize =
    config.max_array_size ??
    (await commands.maxArraySize().catch((error: unknown) => {
      if (config.dry_run) return DEFAULT_MAX_ARRAY_SIZE;
      throw error;
    }));
  const rendered = renderSlurmLaunch(plan, config, maxArraySize);
  const { paths } = rendered;
  const byNum = new Map(plan.jobs.map((job) => [job.num, job]));
  const jobOf = (num: number) => byNum.get(num) as PlannedJob;
  await writeLaunchScripts(rendered);
  // Job folders, snapshots and job files: only needed once a task starts, not to submit.
  const prepareJobs = () => Promise.all([mapLimit(plan.jobs, 32, (job) => ctx.prepareJob(job)), writeJobFiles(rendered)]);

  if (config.dry_run) {
    await prepareJobs();
    await writeLaunchDescriptor({ ...rendered.descriptor, state: 'dry-run' });
    for (const job of rendered.descriptor.jobs) {
      ctx.finishJob(jobOf(job.num), { status: 'skipped', reason: `dry run: rendered ${paths.script(job.array)} (task ${job.task}); nothing was submitted` }, { durationMs: 0 });
    }
    return;
  }

  // Submit held, write the job files while SLURM queues the arrays, then release them: the
  // sweep is in the queue at once, and no task can start before its files exist.
  const submittedAt = clock.now();
  let descriptor: SlurmLaunchDescriptor = rendered.descriptor;
  try {
    descriptor = await submitArrays(rendered.descriptor, {
      commands,
      clock,
      maxSubmitPerS: config.max_submit_per_s,
      parallelism: config.array_parallelism,
      signal: ctx.signal,
      hold: true,
      onSubmitted: async (next) => {
        descriptor = next;
        await writeLaunchDescriptor(next);
      },
    });
    if (!ctx.signal.aborted) {
      await prepareJobs();
      await commands.release(submittedIds(descriptor));
      descriptor = { ...descriptor, state: 'submitted' };
      await writeLaunchDescriptor(descriptor);
    }
  } catch (error) {
    if (!ctx.signal.aborted) {
      await commands.cancel(submittedIds(descriptor)).catch(() => undefined);
      for (const job of plan.jobs) ctx.finishJob(job, { status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(error) }, { durationMs: clock.now() - submittedAt });
      throw error;
    }
  }
  if (ctx.signal.aborted) {
    await commands.cancel(submittedIds(descriptor)).catch(() => undefined);
    await writeLaunchDescriptor({ ...descriptor, state: 'cancelled' });
    for (const job of plan.jobs) ctx.finishJob(job, { status: 'cancelled', signal: null, reason: 'launch cancelled while submitting; submitted arrays were scancelled' }, { durationMs: clock.now() - submittedAt });
    return;
  }

  const watched: WatchedJob[] = descriptor.jobs.map((job) => {
    const arrayJobId = descriptor.arrays[job.array]?.arrayJobId ?? '';
    return {
      num: job.num,
      arrayJobId,
      task: job.task,
      kind: job.kind,
      timeoutMs: job.timeoutMs,
      submittedAt,
      logHint: `${paths.stdout(arrayJobId, job.task)}${config.stderr_to_stdout ? '' : ` and ${paths.stderr(arrayJobId, job.task)}`}`,
    };
  });
  for (const job of watched) {
    ctx.emit({ type: 'job:state', job: refOf(jobOf(job.num)), state: 'SUBMITTED', attempt: 1, detail: `${job.arrayJobId}_${job.task}` });
  }
  if (ctx.detach) {
    for (const job of watched) {
      const reason = `submitted to SLURM; follow it with attachSlurmLaunch(${JSON.stringify(plan.dir)})`;
      ctx.finishJob(jobOf(job.num), { status: 'detached', reason, schedulerId: `${job.arrayJobId}_${job.task}` }, { durationMs: clock.now() - submittedAt });
    }
    return;
  }
  const { cancelled } = await watchSlurmJobs(watched, {
    commands,
    clock,
    signal: ctx.signal,
    pollIntervalMs: config.poll_interval_s * 1000,
    pollMaxIntervalMs: config.poll_max_interval_s * 1000,
    maxNumPreemption: config.max_num_preemption,
    readReport: (num) => readWorkerReport(paths.result(num)),
    sink: {
      note: (num, note) => {
        const job = refOf(jobOf(num));
        if (note.type === 'start') ctx.emit({ type: 'job:start', job, pid: null, attempt: note.attempt, device: null });
        else ctx.emit({ type: 'job:state', job, state: note.state, attempt: note.attempt, detail: note.detail });
      },
      finish: (num, outcome, timing) => ctx.finishJob(jobOf(num), outcome, timing),
      warn: (message) => process.emitWarning(message, 'SlurmWarning'),
    },
  });
  if (cancelled) await writeLaunchDescriptor({ ...descriptor, state: 'cancelled' });
}

function submittedIds(descriptor: SlurmLaunchDescriptor): string[] {
  return descriptor.arrays.flatMap((a) => (a.arrayJobId === null ? [] : [a.arrayJobId]));
}
