import { inFlightStateOf } from './scheduler-state.js';
import { join } from 'node:path';
import type { JobOutcome } from '../job/job-outcome.js';
import type { Clock } from '../process/system-clock.js';
import type { DistributiveOmit } from '../run/launch-events.js';
import type { JobRef, LaunchEvent } from '../run/launch-events.js';
import { openEventLog } from '../run/event-log.js';
import { systemClock } from '../process/system-clock.js';
import { voiceName } from './outcome-from-record.js';
import { readTaskReport } from './read-worker-report.js';
import type { BatchLaunchDescriptor } from './render-batch-launch.js';
import type { SchedulerBackend } from './scheduler-backend.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { SchedulerAttachError } from './scheduler-errors.js';
import { batchPaths } from './batch-paths.js';
import { watchJobs, type WatchedJob } from './watch-jobs.js';
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
 * through the event log's own writer, so lines never interleave with another writer's.
 */
export async function attachBatchLaunch(dir: string, attach: AttachBackend, options: AttachOptions = {}): Promise<{ readonly jobs: readonly AttachedJob[]; readonly cancelled: boolean }> {
  const { backend } = attach;
  const descriptor = await readDescriptor(dir, backend);
  if (descriptor.state === 'held') {
    const ids = descriptor.arrays.map((a) => a.arrayJobId).join(',');
    throw new SchedulerAttachError(backend, `The launch in ${descriptor.folder} stopped before its jobs were released (they wait, held, in the queue). Cancel them (${backend.cancelArgv(ids.split(',')).join(' ')}) and launch again.`);
  }
  const paths = batchPaths(descriptor.folder, backend.scriptSuffix);
  const clock = options.clock ?? systemClock;
  const commands = options.commands ?? attach.createCommands(clock);
  const refs = new Map(descriptor.jobs.map((job) => [job.num, { num: job.num, id: job.id, name: job.name, overrides: job.overrides, outputDir: job.outputDir }]));
  const attachedAt = clock.now();
  const watched: WatchedJob[] = descriptor.jobs.map((job) => {
    const arrayJobId = descriptor.arrays[job.array]?.arrayJobId;
    if (arrayJobId === null || arrayJobId === undefined) {
      throw new SchedulerAttachError(backend, `Job ${job.num} of ${descriptor.folder} was never submitted (launch state "${descriptor.state}"); launch it again instead of attaching.`);
    }
    return { num: job.num, arrayJobId, task: job.task, kind: job.kind, timeoutMs: job.timeoutMs, submittedAt: attachedAt, logHint: backend.logFiles(descriptor.folder, arrayJobId, job.task).stdout };
  });
  const log = openEventLog(join(descriptor.dir, 'events.jsonl'));
  const emit = (event: DistributiveOmit<LaunchEvent, 'time' | 'launchId'>) => {
    const full = { time: new Date(clock.now()).toISOString(), launchId: descriptor.launchId, ...event } as LaunchEvent;
    log.append(full);
    options.onEvent?.(full);
  };
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
          if (note.type === 'start') emit({ type: 'job:start', job, pid: null, attempt: note.attempt, device: null });
          else emit({ type: 'job:state', job, state: inFlightStateOf(note.state, (native) => backend.mapState(native)), native: note.state, attempt: note.attempt, detail: note.detail });
        },
        finish: (num, outcome, timing) => {
          const job = refs.get(num) as JobRef;
          ended.push({ job, outcome, durationMs: timing.durationMs, attempts: timing.attempts });
          emit({ type: 'job:end', job, durationMs: timing.durationMs, attempts: timing.attempts, ...outcome });
        },
        warn: (message) => process.emitWarning(message, voiceName(backend, 'Warning')),
      },
    });
    return { jobs: ended.sort((a, b) => a.job.num - b.job.num), cancelled };
  } finally {
    log.close();
  }
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
