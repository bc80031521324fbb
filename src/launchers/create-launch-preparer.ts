import { collectRunMetadata } from '../run/metadata/collect-run-metadata.js';
import type { RunMetadata } from '../run/metadata/run-metadata.js';
import { renderRunMetadata } from '../run/metadata/write-run-metadata.js';
import type { LaunchPlanBase, PlannedJob } from '../run/launch-plan.js';
import { removeStaleTempFiles } from '../run/remove-stale-temp-files.js';
import { createHydraSnapshotRenderer } from '../run/snapshots/create-hydra-snapshot-renderer.js';
import { createJobSnapshotWriter, renderJobSnapshots } from '../run/snapshots/write-job-snapshots.js';
import { createJobFilesWorker } from './create-job-files-worker.js';
import { createJobPreparer, type JobPreparer, type UpcomingJobs } from './create-job-preparer.js';

/** Jobs a launch must run here before a worker thread prepares their folders (below, the thread pool does). @default 16 */
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
 * launching thread and written by a worker thread for a launch of many jobs (else on the thread pool).
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
    worker: usesJobFilesWorker(input) ? createJobFilesWorker : null,
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

/**
 * Only an array of enough jobs to repay starting a thread gets the worker. A lazy source is chosen
 * for memory: the thread's own Node environment is ~11 MB resident whatever it does (measured idle),
 * most of what a 10^6-job lazy launch has over its 120 MB target, so its jobs go the thread pool's way.
 */
export function usesJobFilesWorker(input: LaunchPreparerInput): boolean {
  return Array.isArray(input.upcoming) && (input.jobCount === null || input.jobCount >= JOB_FILES_WORKER_MIN_JOBS) && !input.clearTempFiles;
}
