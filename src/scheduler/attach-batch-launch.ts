import { inFlightStateOf } from './scheduler-state.js';
import { join } from 'node:path';
import { JOB_STATUSES, type JobOutcome, type JobStatus } from '../job/job-outcome.js';
import type { Clock } from '../process/system-clock.js';
import type { JobRef, LaunchEvent } from '../run/launch-events.js';
import { openEventLog } from '../run/event-log.js';
import { createEventSink, type EventDraft } from '../run/event-sink.js';
import { readEventLog } from '../run/read-event-log.js';
import { lockLaunchDir } from '../run/launch-lock.js';
import { systemClock } from '../process/system-clock.js';
import { voiceName } from './outcome-from-record.js';
import { readTaskReport } from './read-worker-report.js';
import type { BatchLaunchDescriptor, DescribedJob } from './render-batch-launch.js';
import type { SchedulerBackend } from './scheduler-backend.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { SchedulerAttachError } from './scheduler-errors.js';
import { batchPaths, type BatchPaths } from './batch-paths.js';
import { watchJobs, type WatchedJob } from './watch-jobs.js';
import { streamJobOutput } from './stream-job-output.js';
import { LEGACY_POINTER_FILE, POINTER_FILE, readJsonFile } from './write-batch-launch.js';
import type { PlatformAbortSignal } from '../platform-types.js';

export interface AttachOptions {
  /** @default the backend's real commands */
  readonly commands?: SchedulerCommands;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Aborting it cancels every job still running. */
  readonly signal?: PlatformAbortSignal;
  /** Receives the same events a launch emits (they are also appended to the launch's events.jsonl). */
  readonly onEvent?: (event: LaunchEvent) => void;
  /**
   * Tails each followed job's log files into `job:output` events, as a launch's `streamOutput`
   * does: from the logs' start (what a job printed before the attach too), each job's last lines
   * before its `job:end`. @default false
   */
  readonly streamOutput?: boolean;
}

/** How one followed job ended. */
export interface AttachedJob {
  readonly job: JobRef;
  readonly outcome: JobOutcome;
  readonly durationMs: number;
  readonly attempts: number;
}

/** What attach needs of a backend: its voice, its log file names, and its real commands. */
export interface AttachBackend {
  readonly backend: SchedulerBackend<never>;
  readonly createCommands: (clock: Clock) => SchedulerCommands;
}

/**
 * Follows a detached (or interrupted) batch launch to its end from its files alone: `dir` is
 * the launch folder (with the pointer file) or its scheduler folder (with launch.json). Events go
 * through the launch's event sink; jobs whose end is already in `events.jsonl` (not `detached`)
 * are not followed again, and a `launch:end` closes the continuation. Holds the launch folder's
 * lock while it follows: a second attach or a resume meanwhile gets `LaunchLockedError`.
 */
export async function attachBatchLaunch(dir: string, attach: AttachBackend, options: AttachOptions = {}): Promise<{ readonly jobs: readonly AttachedJob[]; readonly cancelled: boolean }> {
  const { backend } = attach;
  const descriptor = await readDescriptor(dir, backend);
  if (descriptor.state === 'held') {
    const ids = descriptor.arrays.flatMap((a) => (a.arrayJobId === null ? [] : [a.arrayJobId])).join(',');
    throw new SchedulerAttachError(backend, `The launch in ${descriptor.folder} stopped before its jobs were released (they wait, held, in the queue). Cancel them (${backend.cancelArgv(ids.split(',')).join(' ')}) and launch again.`);
  }
  // One owner per folder: two attaches (or an attach and a resume) at once would record every job twice.
  const lock = await lockLaunchDir(descriptor.dir, descriptor.launchId);
  try {
    return await followDescribedLaunch(descriptor, attach, options);
  } finally {
    await lock.release();
  }
}

async function followDescribedLaunch(descriptor: BatchLaunchDescriptor, attach: AttachBackend, options: AttachOptions): Promise<{ readonly jobs: readonly AttachedJob[]; readonly cancelled: boolean }> {
  const { backend } = attach;
  const paths = batchPaths(descriptor.folder, backend.scriptSuffix);
  const clock = options.clock ?? systemClock;
  const commands = options.commands ?? attach.createCommands(clock);
  const eventsFile = join(descriptor.dir, 'events.jsonl');
  // A clean continuation: jobs that already have a real end in the log are not followed again.
  const ends = new Map<number, JobStatus>();
  for (const event of (await readEventLog(eventsFile)).events) if (event.type === 'job:end') ends.set(event.job.num, event.status);
  const done = (num: number) => ends.has(num) && ends.get(num) !== 'detached';
  const described = descriptor.jobs ?? (await readDescribedJobs(descriptor, paths));
  const refs = new Map(described.map((job) => [job.num, { num: job.num, id: job.id, name: job.name, overrides: job.overrides, outputDir: job.outputDir }]));
  const attachedAt = clock.now();
  const watched: WatchedJob[] = described
    .filter((job) => !done(job.num))
    .map((job) => {
      const arrayJobId = descriptor.arrays[job.array]?.arrayJobId;
      if (arrayJobId === null || arrayJobId === undefined) {
        throw new SchedulerAttachError(backend, `Job ${job.num} of ${descriptor.folder} was never submitted (launch state "${descriptor.state}"); launch it again instead of attaching.`);
      }
      const logs = backend.logFiles(descriptor.folder, arrayJobId, job.task);
      return { num: job.num, arrayJobId, task: job.task, kind: job.kind, timeoutMs: job.timeoutMs, submittedAt: attachedAt, logHint: logs.stdout, logs };
    });
  if (watched.length === 0) return { jobs: [], cancelled: false };
  const sink = createEventSink({ launchId: descriptor.launchId, now: () => clock.now(), log: openEventLog(eventsFile, { repairTornTail: true }), onFailure: (error) => process.emitWarning(`cannot append to ${eventsFile}: ${String(error)}`, voiceName(backend, 'Warning')) });
  const emit = (draft: EventDraft) => {
    const event = sink.emit(draft);
    options.onEvent?.(event);
  };
  const logsOf = new Map(watched.map((job) => [job.num, job.logs]));
  const output = streamJobOutput({ stream: options.streamOutput === true, clock, onLine: (num, stream, line) => emit({ type: 'job:output', job: refs.get(num) as JobRef, stream, line }) });
  const ended: AttachedJob[] = [];
  try {
    const { cancelled } = await watchJobs(watched, {
      commands,
      voice: { name: backend.name, label: backend.label, lostRecordHint: backend.lostRecordHint },
      clock,
      signal: options.signal ?? new AbortController().signal,
      pollIntervalMs: descriptor.watch.pollIntervalMs,
      pollMaxIntervalMs: descriptor.watch.pollMaxIntervalMs,
      maxNumPreemption: descriptor.watch.maxNumPreemption,
      ...(descriptor.watch.pendingPatienceMs === undefined ? {} : { pendingPatienceMs: descriptor.watch.pendingPatienceMs }),
      isHopelessReason: (reason) => backend.isHopelessReason?.(reason) ?? false,
      readReport: (num, kind) => readTaskReport(paths, num, kind),
      sink: {
        note: (num, note) => {
          const job = refs.get(num) as JobRef;
          if (note.type === 'start') {
            emit({ type: 'job:start', job, pid: null, attempt: note.attempt, device: null });
            output.started(num, logsOf.get(num) as WatchedJob['logs']);
          } else emit({ type: 'job:state', job, state: inFlightStateOf(note.state, (native) => backend.mapState(native)), native: note.state, attempt: note.attempt, detail: note.detail });
        },
        finish: (num, outcome, timing) => {
          const job = refs.get(num) as JobRef;
          ended.push({ job, outcome, durationMs: timing.durationMs, attempts: timing.attempts });
          ends.set(num, outcome.status);
          output.finish(num, logsOf.get(num) as WatchedJob['logs'], () => emit({ type: 'job:end', job, durationMs: timing.durationMs, attempts: timing.attempts, scheduler: timing.scheduler, ...outcome }));
        },
        warn: (message) => process.emitWarning(message, voiceName(backend, 'Warning')),
      },
    });
    // every job:end (after its last output lines) before the launch's end
    await output.settle();
    // the launch's end, now that every job has one: counts over the whole launch
    const counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
    for (const job of described) {
      const status = ends.get(job.num);
      if (status !== undefined) counts[status] += 1;
    }
    emit({ type: 'launch:end', dir: descriptor.dir, durationMs: clock.now() - attachedAt, counts, cancelled });
    return { jobs: ended.sort((a, b) => a.job.num - b.job.num), cancelled };
  } finally {
    // also when following failed: a job whose end was seen still gets its record, before the log closes
    await output.settle();
    sink.close();
  }
}

/** The jobs of a launch submitted array by array: launch.json lists its arrays, each job's job.json its entry. */
async function readDescribedJobs(descriptor: BatchLaunchDescriptor, paths: BatchPaths): Promise<DescribedJob[]> {
  const jobs: DescribedJob[] = [];
  for (const array of descriptor.arrays) {
    for (let task = 0; task < array.count; task++) {
      const job = (await readJsonFile(paths.jobDescriptor(array.offset + task))) as DescribedJob | null;
      if (job !== null) jobs.push({ ...job, array: array.index, task });
    }
  }
  return jobs;
}

async function readDescriptor(dir: string, backend: SchedulerBackend<never>): Promise<BatchLaunchDescriptor> {
  const pointer = ((await readJsonFile(join(dir, POINTER_FILE))) ?? (await readJsonFile(join(dir, LEGACY_POINTER_FILE)))) as { submitit_folder?: string } | null;
  const folder = pointer?.submitit_folder ?? dir;
  const descriptor = (await readJsonFile(join(folder, 'launch.json'))) as BatchLaunchDescriptor | null;
  if (descriptor === null || descriptor.version !== 1 || (descriptor.scheduler !== undefined && descriptor.scheduler !== backend.name)) {
    throw new SchedulerAttachError(
      backend,
      `No ${backend.label} launch found in ${JSON.stringify(dir)}: expected ${POINTER_FILE} (launch folder) or launch.json (scheduler folder) written by a ${backend.name} launch. Pass the folder the launch printed.`,
    );
  }
  return descriptor;
}
