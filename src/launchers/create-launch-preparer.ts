import { availableParallelism } from 'node:os';
import { collectRunMetadata } from '../run/metadata/collect-run-metadata.js';
import type { RunMetadata } from '../run/metadata/run-metadata.js';
import { renderRunMetadata } from '../run/metadata/write-run-metadata.js';
import type { LaunchPlanBase, PlannedJob } from '../run/launch-plan.js';
import { removeStaleTempFiles } from '../run/remove-stale-temp-files.js';
import { createHydraSnapshotRenderer } from '../run/snapshots/create-hydra-snapshot-renderer.js';
import { createJobSnapshotWriter, renderJobSnapshots } from '../run/snapshots/write-job-snapshots.js';
import { createInlineJobFiles } from './create-inline-job-files.js';
import { createJobFilesWorker } from './create-job-files-worker.js';
import { createJobPreparer, type JobPreparer, type UpcomingJobs } from './create-job-preparer.js';

/** Jobs a launch must run here before a worker thread (or the launching thread, ahead) prepares their folders (below, the thread pool does). @default 16 */
export const JOB_FILES_WORKER_MIN_JOBS = 16;

/** What a launch's preparer needs from the launch. */
export interface LaunchPreparerInput {
  readonly plan: LaunchPlanBase;
  /** The launcher's resolved config, for `hydra.yaml`. */
  readonly launcherConfig: object;
  /** The launch's metadata when collected from its start. @default collected when the first job is prepared */
  readonly metadata?: Promise<RunMetadata>;
  readonly upcoming: readonly PlannedJob[] | UpcomingJobs;
  /** Jobs the launch may run (null: a source that does not say). */
  readonly jobCount: number | null;
  /** A resumed lazy source: each job's folder is cleared of torn temp files before it is written (on the thread pool). */
  readonly clearTempFiles: boolean;
}

/**
 * The job preparer of one launch: `metadata.json` rendered once, snapshots rendered on the
 * launching thread and written as {@link chooseJobFilesPreparation} says.
 */
export function createLaunchPreparer(input: LaunchPreparerInput): JobPreparer {
  const { plan } = input;
  const launcher = { name: plan.launcher, config: input.launcherConfig };
  let metadata: Promise<RunMetadata> | null = input.metadata ?? null;
  let metadataText: Promise<string> | null = null;
  let writeSnapshots: Promise<(job: PlannedJob) => Promise<void>> | null = null;
  // One renderer for every job's hydra.yaml: the same keys judged, the same nodes built and rendered once per launch.
  const renderHydra = createHydraSnapshotRenderer(plan, launcher);
  const collected = (): Promise<RunMetadata> => (metadata ??= collectRunMetadata({ cwd: plan.cwd, argv: process.argv, env: process.env }));
  return createJobPreparer({
    upcoming: input.upcoming,
    worker: workerFor(chooseJobFilesPreparation(input, availableParallelism())),
    async renderSnapshots(job) {
      if (job.stateDir === null) return null;
      metadataText ??= collected().then(renderRunMetadata);
      return renderJobSnapshots(plan, job, launcher, await metadataText, renderHydra);
    },
    async writeSnapshots(job) {
      writeSnapshots ??= collected().then((data) => createJobSnapshotWriter(plan, launcher, data));
      // A resumed array had its folders cleared before it started; a lazy source's are cleared as they are reached.
      if (input.clearTempFiles) await removeStaleTempFiles([job.outputDir, ...(job.stateDir === null ? [] : [job.stateDir])]);
      await (await writeSnapshots)(job);
    },
  });
}

/** Where a launch's job files are written ahead of need: see {@link chooseJobFilesPreparation}. */
export type JobFilesPreparation = 'worker' | 'inline' | 'thread-pool';

/**
 * How a launch prepares its jobs' files. A resumed lazy source clears each folder first, and a
 * short array does not repay a thread: the thread pool. On a machine of two cores or fewer the
 * launching thread writes them itself in the turn after each fork (`inline`): measured on 2 cores,
 * a worker thread cost the launching thread more than the writes (its wake-ups, and the
 * copy-on-write faults and TLB flushes a second busy thread adds to every fork; see
 * docs/performance.md), at P=1 and at P=2. With more cores, an array gets the worker thread; a lazy
 * source is chosen for memory (the thread's own Node environment is ~11 MB resident, most of what
 * a 10^6-job lazy launch has over its 120 MB target), so its jobs go the thread pool's way.
 */
export function chooseJobFilesPreparation(input: LaunchPreparerInput, cores: number): JobFilesPreparation {
  if (input.clearTempFiles) return 'thread-pool';
  const array = Array.isArray(input.upcoming);
  if (array && input.jobCount !== null && input.jobCount < JOB_FILES_WORKER_MIN_JOBS) return 'thread-pool';
  if (cores <= INLINE_MAX_CORES) return 'inline';
  return array ? 'worker' : 'thread-pool';
}

/** Cores at or under which the launching thread prepares job files itself. @default 2 */
export const INLINE_MAX_CORES = 2;

function workerFor(preparation: JobFilesPreparation): (() => ReturnType<typeof createJobFilesWorker>) | null {
  if (preparation === 'worker') return createJobFilesWorker;
  return preparation === 'inline' ? createInlineJobFiles : null;
}
