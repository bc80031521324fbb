import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobOutcome } from '../../job/job-outcome.js';
import type { Clock } from '../launcher-definition.js';
import type { DistributiveOmit } from '../../run/launch-events.js';
import type { JobRef, LaunchEvent } from '../../run/launch-events.js';
import { createSlurmCommands } from './create-slurm-commands.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { SlurmAttachError } from './slurm-errors.js';
import type { SlurmLaunchDescriptor } from './slurm-launch-files.js';
import { slurmPaths } from './slurm-paths.js';
import { systemClock } from '../system-clock.js';
import { watchSlurmJobs, type WatchedJob } from './watch-slurm-jobs.js';
import { readWorkerReport } from './read-worker-report.js';
import { POINTER_FILE, readJsonFile } from './write-slurm-launch.js';

export interface AttachOptions {
  /** @default createSlurmCommands() */
  readonly commands?: SchedulerCommands;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Aborting it scancels every job still running. */
  readonly signal?: AbortSignal;
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

/**
 * Follows a detached (or interrupted) slurm launch to its end from its files alone:
 * `dir` is the launch folder (with `.slurm-launch.json`) or its submitit folder (with launch.json).
 */
export async function attachSlurmLaunch(dir: string, options: AttachOptions = {}): Promise<{ readonly jobs: readonly AttachedJob[]; readonly cancelled: boolean }> {
  const descriptor = await readDescriptor(dir);
  if (descriptor.state === 'held') {
    const ids = descriptor.arrays.map((a) => a.arrayJobId).join(',');
    throw new SlurmAttachError(`The launch in ${descriptor.folder} stopped before its jobs were released (they wait, held, in the queue). Cancel them (scancel ${ids}) and launch again.`);
  }
  const paths = slurmPaths(descriptor.folder);
  const clock = options.clock ?? systemClock;
  const commands = options.commands ?? createSlurmCommands({ clock });
  const eventsFile = join(descriptor.dir, 'events.jsonl');
  const refs = new Map(descriptor.jobs.map((job) => [job.num, { num: job.num, id: job.id, name: job.name, overrides: job.overrides, outputDir: job.outputDir }]));
  const emit = async (event: DistributiveOmit<LaunchEvent, 'time' | 'launchId'>) => {
    const full = { time: new Date(clock.now()).toISOString(), launchId: descriptor.launchId, ...event } as LaunchEvent;
    options.onEvent?.(full);
    await appendFile(eventsFile, `${JSON.stringify(full)}\n`);
  };
  const pending: Promise<void>[] = [];
  const ended: AttachedJob[] = [];
  const attachedAt = clock.now();
  const watched: WatchedJob[] = descriptor.jobs.map((job) => {
    const arrayJobId = descriptor.arrays[job.array]?.arrayJobId;
    if (arrayJobId === null || arrayJobId === undefined) {
      throw new SlurmAttachError(`Job ${job.num} of ${descriptor.folder} was never submitted (launch state "${descriptor.state}"); launch it again instead of attaching.`);
    }
    return { num: job.num, arrayJobId, task: job.task, kind: job.kind, timeoutMs: job.timeoutMs, submittedAt: attachedAt, logHint: paths.stdout(arrayJobId, job.task) };
  });
  const { cancelled } = await watchSlurmJobs(watched, {
    commands,
    clock,
    signal: options.signal ?? new AbortController().signal,
    pollIntervalMs: descriptor.watch.pollIntervalMs,
    pollMaxIntervalMs: descriptor.watch.pollMaxIntervalMs,
    maxNumPreemption: descriptor.watch.maxNumPreemption,
    readReport: (num) => readWorkerReport(paths.result(num)),
    sink: {
      note: (num, note) => {
        const job = refs.get(num) as JobRef;
        pending.push(note.type === 'start' ? emit({ type: 'job:start', job, pid: null, attempt: note.attempt, device: null }) : emit({ type: 'job:state', job, state: note.state, attempt: note.attempt, detail: note.detail }));
      },
      finish: (num, outcome, timing) => {
        const job = refs.get(num) as JobRef;
        ended.push({ job, outcome, durationMs: timing.durationMs, attempts: timing.attempts });
        pending.push(emit({ type: 'job:end', job, durationMs: timing.durationMs, attempts: timing.attempts, ...outcome }));
      },
      warn: (message) => process.emitWarning(message, 'SlurmWarning'),
    },
  });
  await Promise.all(pending);
  return { jobs: ended.sort((a, b) => a.job.num - b.job.num), cancelled };
}

async function readDescriptor(dir: string): Promise<SlurmLaunchDescriptor> {
  const pointer = (await readJsonFile(join(dir, POINTER_FILE))) as { submitit_folder?: string } | null;
  const folder = pointer?.submitit_folder ?? dir;
  const descriptor = (await readJsonFile(join(folder, 'launch.json'))) as SlurmLaunchDescriptor | null;
  if (descriptor === null || descriptor.version !== 1) {
    throw new SlurmAttachError(`No slurm launch found in ${JSON.stringify(dir)}: expected ${POINTER_FILE} (launch folder) or launch.json (submitit folder). Pass the folder a slurm launch printed.`);
  }
  return descriptor;
}
