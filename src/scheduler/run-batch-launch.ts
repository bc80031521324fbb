import { JobSpecError } from '../errors.js';
import { type JobOutcome, toJobErrorInfo } from '../job/job-outcome.js';
import type { ExecutionContext, LauncherBackend } from '../launchers/launcher-definition.js';
import type { Clock } from '../process/system-clock.js';
import { inFlightStateOf } from './scheduler-state.js';
import type { PlannedJob } from '../run/launch-plan.js';
import { refOf } from '../run/job-ref.js';
import type { BatchLauncherConfig } from './batch-launcher-config.js';
import { mapLimit } from '../async/map-limit.js';
import { voiceName } from './outcome-from-record.js';
import { readTaskReport } from './read-worker-report.js';
import { chunkIntoArraysAsync } from './chunk-into-arrays.js';
import { createArrayRenderer, type DescribedArray, type RenderedArray } from './render-batch-launch.js';
import type { SchedulerBackend } from './scheduler-backend.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { impossibleRequestError } from './probe-arrays.js';
import { shareParallelism } from './share-parallelism.js';
import { createChunkSubmitter, type SubmittedArray } from './submit-chunks.js';
import { followBatchJobs } from './follow-batch-jobs.js';
import { watchJobs, type WatchedJob } from './watch-jobs.js';
import { writeArrayScript, writeJobFiles, writeLaunchDescriptor, writeLaunchPointer } from './write-batch-launch.js';

/** What a batch launcher hands the core besides its backend hooks. */
export interface BatchLaunchOptions {
  /** The scheduler's programs (or a fake for tests and benchmarks), built with the launch's clock. */
  readonly createCommands: (clock: Clock) => SchedulerCommands;
  /** How a user follows a detached launch, for the `detached` reason (`attachSlurmLaunch(dir)`). */
  readonly attachHint: (dir: string) => string;
}

/** Builds a launcher backend that runs a plan on a batch scheduler through the backend's hooks. */
export function createBatchBackend<Config extends BatchLauncherConfig>(backend: SchedulerBackend<Config>, config: Config, options: BatchLaunchOptions): LauncherBackend<Config> {
  return {
    checkJobs(jobs) {
      const index = jobs.findIndex((job) => 'run' in job);
      if (index >= 0) {
        // a lazy source is checked one job at a time ([spec]): its number is not known here
        const which = jobs.length === 1 ? 'This job' : `Job ${index}`;
        throw new JobSpecError(`${which} is a function job; the ${backend.name} launcher runs jobs on other machines, so it takes "command" or "module" jobs only. Move the function into a module and use { module, export }.`);
      }
    },
    // Reads context.jobs(): a lazy source is planned array by array as it is submitted, never whole.
    lazy: true,
    execute: (context) => runBatchLaunch(context, backend, config, options),
  };
}

/** Where the jobs come from: read once, as the launch needs them; `count` when known up front. */
interface JobSource {
  readonly jobs: Iterable<PlannedJob> | AsyncIterable<PlannedJob>;
  readonly count: number | null;
}

function jobSourceOf(ctx: ExecutionContext<BatchLauncherConfig>): JobSource {
  return { jobs: ctx.jobs(), count: ctx.jobCount };
}

/**
 * Reads the jobs array by array as the launch needs them: each array is rendered, submitted held
 * (chained in chained mode), its job folders and files written, then released under the
 * `array_parallelism` budget. A window of about `array_parallelism + 2 x MaxArraySize` tasks is
 * kept in the queue while the watcher follows them, so memory holds the arrays in flight, not the
 * sweep. A detached launch (or `dry_run`) reads everything, one array at a time.
 */
async function runBatchLaunch<Config extends BatchLauncherConfig>(ctx: ExecutionContext<Config>, backend: SchedulerBackend<Config>, config: Config, options: BatchLaunchOptions): Promise<void> {
  const { clock } = ctx;
  const commands = options.createCommands(clock);
  const maxArraySize =
    config.max_array_size ??
    (await commands.maxArraySize().catch((error: unknown) => {
      if (config.dry_run) return backend.defaultMaxArraySize;
      throw error;
    }));
  // Shared: arrays side by side under one parallelism budget, rebalanced while the launch watches.
  // A detached launch has nobody to rebalance, so its arrays are chained.
  const mode = commands.throttle !== undefined && !ctx.detach ? 'shared' : 'chained';
  const source = jobSourceOf(ctx);
  const renderer = createArrayRenderer(ctx.plan, config, backend);
  const { paths } = renderer;
  // One array for jobs that differ only in their time limit, when the commands can set it per task.
  const batches = chunkIntoArraysAsync(source.jobs, renderer.keyOf, maxArraySize, { perTaskTimeLimit: commands.setTaskTimeLimit !== undefined })[Symbol.asyncIterator]();
  const initial = renderer.descriptor(mode);
  // The planned jobs read and not finished yet: the only job objects the launch holds.
  const inFlight = new Map<number, PlannedJob>();
  const jobOf = (num: number) => inFlight.get(num) as PlannedJob;
  const end = (job: PlannedJob, outcome: JobOutcome, timing: Parameters<typeof ctx.finishJob>[2]) => {
    inFlight.delete(job.num);
    ctx.finishJob(job, outcome, timing);
  };
  // Per-job handles (scheduler id, logs, cancel of one task) and streamOutput's log tailing.
  const followers = followBatchJobs({ ctx, commands, jobOf, end: (num, outcome, timing) => end(jobOf(num), outcome, timing), intervalMs: Math.min(1000, config.poll_interval_s * 1000) });
  const writeFiles = (array: SubmittedArray | { rendered: RenderedArray; jobs: readonly PlannedJob[] }) =>
    Promise.all([mapLimit(array.jobs, 32, (job) => ctx.prepareJob(job)), writeJobFiles(paths, array.rendered.jobFiles())]);
  await writeLaunchPointer(initial);
  await writeLaunchDescriptor(initial);

  if (config.dry_run) {
    let index = 0;
    const arrays: DescribedArray[] = [];
    for await (const batch of { [Symbol.asyncIterator]: () => batches }) {
      const rendered = renderer.render(batch, index, Math.min(batch.chunk.count, config.array_parallelism));
      index += 1;
      arrays.push(rendered.array);
      await writeArrayScript(rendered);
      await writeFiles({ rendered, jobs: batch.jobs });
      for (const job of rendered.jobs) {
        const planned = batch.jobs[job.task] as PlannedJob;
        ctx.finishJob(planned, { status: 'skipped', reason: `dry run: rendered ${paths.script(job.array)} (task ${job.task}); nothing was submitted` }, { durationMs: 0 });
      }
    }
    await writeLaunchDescriptor({ ...initial, arrays, state: 'dry-run' });
    return;
  }

  const submittedAt = clock.now();
  const sharer = mode === 'shared' ? shareParallelism(config.array_parallelism, commands) : null;
  const submitter = createChunkSubmitter(initial, {
    renderer,
    batches,
    commands,
    clock,
    signal: ctx.signal,
    maxSubmitPerS: config.max_submit_per_s,
    parallelism: config.array_parallelism,
    chain: mode === 'chained' && (source.count === null || source.count > config.array_parallelism),
    sharer,
    writeScript: writeArrayScript,
    prepare: async (array) => {
      for (const job of array.jobs) inFlight.set(job.num, job);
      await writeFiles(array);
    },
    // Requests the cluster can never run fail now, in the scheduler's words; the other arrays go on.
    refuse: (jobs, verdict) => {
      const error = impossibleRequestError(backend, verdict, backend.requestFields?.(config) ?? []);
      for (const job of jobs) end(job, { status: 'failed', exitCode: null, signal: null, error }, { durationMs: 0, attempts: 0 });
    },
    persist: writeLaunchDescriptor,
  });
  // Releases what a fill submitted: in shared mode what the budget allows, otherwise all of it.
  let everySubmitted = false;
  const release = async (submitted: readonly SubmittedArray[], remaining: ReadonlyMap<string, number>) => {
    if (submitted.length > 0) {
      if (sharer === null) await commands.release(submitted.map((a) => a.arrayJobId));
      else await sharer.rebalance(new Map([...remaining, ...submitted.map((a) => [a.arrayJobId, a.jobs.length] as const)]));
    }
    // launch.json: `submitting` while the source is read, `submitted` once the last array is released
    if (submitted.length > 0 || (submitter.done && !everySubmitted)) {
      everySubmitted = submitter.done;
      await writeLaunchDescriptor({ ...submitter.descriptor, state: submitter.done ? 'submitted' : 'submitting' });
    }
  };
  const watchedOf = (submitted: readonly SubmittedArray[]): WatchedJob[] =>
    submitted.flatMap(({ arrayJobId, rendered }) =>
      rendered.jobs.map((job) => {
        const logs = backend.logFiles(paths.folder, arrayJobId, job.task);
        ctx.emit({ type: 'job:state', job: refOf(jobOf(job.num)), state: 'submitted', native: null, attempt: 1, detail: `${arrayJobId}_${job.task}` });
        return {
          num: job.num,
          arrayJobId,
          task: job.task,
          kind: job.kind,
          timeoutMs: job.timeoutMs,
          submittedAt,
          logHint: `${logs.stdout}${config.stderr_to_stdout ? '' : ` and ${logs.stderr}`}`,
          logs: config.stderr_to_stdout ? { stdout: logs.stdout, stderr: logs.stdout } : logs,
        };
      }),
    );
  const window = config.array_parallelism + 2 * maxArraySize;
  const fill = async (remaining: ReadonlyMap<string, number>): Promise<WatchedJob[]> => {
    let live = 0;
    for (const count of remaining.values()) live += count;
    const submitted = await submitter.fill(ctx.detach ? Number.POSITIVE_INFINITY : window - live, new Set(remaining.keys()));
    await release(submitted, remaining);
    const watched = watchedOf(submitted);
    if (!ctx.detach) followers.add(watched);
    return watched;
  };

  let watched: WatchedJob[] = [];
  try {
    watched = await fill(new Map());
  } catch (error) {
    if (!ctx.signal.aborted) {
      await abandon(error);
      throw error;
    }
  }
  if (ctx.signal.aborted) {
    await commands.cancel(submitter.submittedIds()).catch(() => undefined);
    await writeLaunchDescriptor({ ...submitter.descriptor, state: 'cancelled' });
    for (const job of [...inFlight.values()]) end(job, { status: 'cancelled', signal: null, reason: 'launch cancelled while submitting; submitted arrays were cancelled' }, { durationMs: clock.now() - submittedAt });
    return;
  }
  if (ctx.detach) {
    for (const job of watched) {
      const reason = `submitted to ${backend.label}; follow it with ${options.attachHint(ctx.plan.dir)}`;
      const scheduler = { id: `${job.arrayJobId}_${job.task}`, ...job.logs };
      end(jobOf(job.num), { status: 'detached', reason, schedulerId: scheduler.id }, { durationMs: clock.now() - submittedAt, scheduler });
    }
    return;
  }
  let feedError: unknown = null;
  const { cancelled } = await watchJobs(watched, {
    cancelledAlone: followers.cancelledAlone,
    commands,
    voice: { name: backend.name, label: backend.label, lostRecordHint: backend.lostRecordHint },
    clock,
    signal: ctx.signal,
    pollIntervalMs: config.poll_interval_s * 1000,
    pollMaxIntervalMs: config.poll_max_interval_s * 1000,
    maxNumPreemption: config.max_num_preemption,
    pendingPatienceMs: config.pending_patience_s * 1000,
    isHopelessReason: (reason) => backend.isHopelessReason?.(reason) ?? false,
    ...(sharer === null ? {} : { onPoll: (remaining: ReadonlyMap<string, number>) => sharer.rebalance(remaining) }),
    feed: async (remaining) => {
      if (submitter.done) return null;
      try {
        return await fill(remaining);
      } catch (error) {
        feedError = error;
        throw error;
      }
    },
    readReport: (num, kind) => readTaskReport(paths, num, kind),
    sink: {
      note: (num, note) => {
        const job = refOf(jobOf(num));
        if (note.type === 'start') {
          ctx.emit({ type: 'job:start', job, pid: null, attempt: note.attempt, device: null });
          followers.started(num);
        } else ctx.emit({ type: 'job:state', job, state: inFlightStateOf(note.state, (native) => backend.mapState(native)), native: note.state, attempt: note.attempt, detail: note.detail });
      },
      finish: (num, outcome, timing) => followers.finish(num, outcome, timing),
      warn: (message) => process.emitWarning(message, voiceName(backend, 'Warning')),
    },
  })
    .finally(() => followers.settle())
    .catch(async (error: unknown) => {
      if (error !== feedError || ctx.signal.aborted) throw error;
      await abandon(error);
      throw error;
    });
  if (cancelled) await writeLaunchDescriptor({ ...submitter.descriptor, state: 'cancelled' });

  /** A submit failed: the launch stops; what is in the queue is cancelled and every job read so far fails with the error. */
  async function abandon(error: unknown): Promise<void> {
    await commands.cancel(submitter.submittedIds()).catch(() => undefined);
    for (const job of [...inFlight.values()]) end(job, { status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(error) }, { durationMs: clock.now() - submittedAt });
  }
}
