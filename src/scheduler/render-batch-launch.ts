import { isAbsolute, resolve } from 'node:path';
import { refOf } from '../run/job-ref.js';
import type { LaunchPlan, PlannedJob } from '../run/launch-plan.js';
import type { BatchLauncherConfig } from './batch-launcher-config.js';
import { batchPaths, type BatchPaths } from './batch-paths.js';
import { renderJobScript } from './render-job-script.js';
import type { SchedulerBackend } from './scheduler-backend.js';
import { initialArrayCaps } from './plan-array-caps.js';
import { type ArrayBatch, chunkIntoArrays } from './chunk-into-arrays.js';
import type { ArrayChunk, ArrayKey } from './split-into-arrays.js';

/** One job as launch.json records it: enough to follow it and read its result later. */
export interface DescribedJob {
  readonly num: number;
  readonly id: string;
  readonly name: string;
  readonly overrides: readonly string[];
  readonly outputDir: string;
  readonly kind: 'command' | 'module';
  readonly timeoutMs: number;
  /** Which array runs it, and as which task. */
  readonly array: number;
  readonly task: number;
}

/** One array as launch.json records it; `arrayJobId` is null until the scheduler answered. */
export interface DescribedArray extends ArrayChunk {
  readonly index: number;
  /** Tasks of it that may run at once when it is released; 0: it waits, held, for budget (shared mode). */
  readonly cap: number;
  readonly script: string;
  readonly arrayJobId: string | null;
}

/** launch.json: the files-only record that attach follows. */
export interface BatchLaunchDescriptor {
  readonly version: 1;
  /** The backend that submitted it (`slurm`); absent in launches written before backends were named. */
  readonly scheduler?: string;
  readonly launchId: string;
  readonly dir: string;
  readonly folder: string;
  /** `held`: submitted held, job files not yet all written; `submitted`: released to run. */
  readonly state: 'rendered' | 'submitting' | 'held' | 'submitted' | 'dry-run' | 'cancelled';
  /** `shared`: arrays run side by side and share array_parallelism (caps rebalanced as they finish); `chained`: one after the other. */
  readonly parallelismMode?: 'shared' | 'chained';
  readonly watch: { readonly pollIntervalMs: number; readonly pollMaxIntervalMs: number; readonly maxNumPreemption: number; readonly pendingPatienceMs?: number };
  readonly arrays: readonly DescribedArray[];
  /** Every job; absent when the launch was submitted array by array as its source was read (each job's job.json holds its entry). */
  readonly jobs?: readonly DescribedJob[];
}

/** One job's files in the scheduler folder. */
export interface JobFile {
  readonly num: number;
  readonly script: string;
  readonly descriptor: object;
}

/** Every file of a launch, rendered: what a dry run writes, and what a real run submits. */
export interface RenderedBatchLaunch {
  readonly paths: BatchPaths;
  readonly descriptor: BatchLaunchDescriptor;
  /** Array index -> batch script text. */
  readonly scripts: readonly string[];
  /** Job number -> job.sh text and job.json value; rendered on demand (not needed to submit). */
  jobFiles(): readonly JobFile[];
}

/**
 * Replaces `${hydra.sweep.dir}` / `${hydra.run.dir}` by the launch folder and makes the path
 * absolute. submitit's per-job `/%j` suffix (Hydra's default) is dropped: one folder serves the launch.
 */
export function resolveSubmititFolder(template: string, dir: string): string {
  const text = template.replace(/\$\{hydra\.(sweep|run)\.dir\}/g, dir).replace(/\/%j\/?$/, '');
  return isAbsolute(text) ? text : resolve(dir, text);
}

/** The time limit of a job in whole minutes (its own, or the launcher's `timeout_min`). */
export function jobTimeMin(job: PlannedJob, config: BatchLauncherConfig): number {
  return job.timeoutMs === null ? config.timeout_min : Math.max(1, Math.ceil(job.timeoutMs / 60_000));
}

/** One array of a launch, rendered: what its submit call needs, and its jobs' files on demand. */
export interface RenderedArray {
  readonly array: DescribedArray;
  readonly script: string;
  readonly jobs: readonly DescribedJob[];
  /** job.sh text and job.json value of each of its jobs (not needed to submit). */
  jobFiles(): JobFile[];
}

/** Renders a launch one array at a time, so a lazy source is never held whole. */
export interface ArrayRenderer {
  readonly paths: BatchPaths;
  /** What decides whether two neighbouring jobs share an array. */
  keyOf(job: PlannedJob): ArrayKey;
  /** The batch script of array `index` alone (a dry run renders every one without holding its jobs). */
  arrayScript(chunk: ArrayChunk, index: number, cap: number): { readonly array: DescribedArray; readonly script: string };
  /** One job's job.sh and job.json. */
  jobFile(job: PlannedJob, described: DescribedJob): JobFile;
  /** Renders array `index` (its `cap`: tasks at once when released; 0: it waits, held). */
  render(batch: ArrayBatch<PlannedJob>, index: number, cap: number): RenderedArray;
  /** launch.json before any array: the arrays are appended as they are rendered. */
  descriptor(mode: 'shared' | 'chained'): BatchLaunchDescriptor;
}

/** Builds the per-array renderer of a launch. Pure: writes nothing; throws (naming the field) when a value cannot be written safely. */
export function createArrayRenderer<Config extends BatchLauncherConfig>(launch: { readonly launchId: string; readonly dir: string }, config: Config, backend: SchedulerBackend<Config>): ArrayRenderer {
  const paths = batchPaths(resolveSubmititFolder(config.submitit_folder, launch.dir), backend.scriptSuffix);
  const jobName = (job: PlannedJob) => config.name.replace(/\$\{hydra\.job\.name\}/g, job.name);
  const baseEnv = stringValues(config.env);
  const backendEnv = backend.jobEnv(config);
  return {
    paths,
    keyOf: (job) => ({ timeMin: jobTimeMin(job, config), jobName: jobName(job), num: job.num }),
    arrayScript(chunk, index, cap) {
      const array: DescribedArray = { ...chunk, index, cap, script: paths.script(index), arrayJobId: null };
      const script = backend.renderArrayScript(
        { launchId: launch.launchId, folder: paths.folder, offset: chunk.offset, count: chunk.count, parallelism: Math.max(1, cap), jobName: chunk.jobName, timeMin: chunk.timeMin },
        config,
      );
      return { array, script };
    },
    jobFile(job, described) {
      const argv = job.payload.kind === 'function' ? [] : job.payload.argv;
      const env = { ...baseEnv, ...job.env, SPECTRAMIND_RESULT: paths.result(job.num), SPECTRAMIND_RESULT_PER_TASK: '1', ...backendEnv };
      return { num: job.num, script: renderJobScript({ num: job.num, id: job.id, cwd: job.cwd, env, argv }), descriptor: { ...described, cwd: job.cwd, argv, env } };
    },
    render({ chunk, jobs: planned }, index, cap) {
      const { array, script } = this.arrayScript(chunk, index, cap);
      const jobs = planned.map((job, task): DescribedJob => ({ ...refOf(job), kind: job.payload.kind === 'module' ? 'module' : 'command', timeoutMs: jobTimeMin(job, config) * 60_000, array: index, task }));
      const jobFiles = (): JobFile[] => planned.map((job, task) => this.jobFile(job, jobs[task] as DescribedJob));
      return { array, script, jobs, jobFiles };
    },
    descriptor: (mode) => ({
      version: 1,
      scheduler: backend.name,
      launchId: launch.launchId,
      dir: launch.dir,
      folder: paths.folder,
      state: 'rendered',
      parallelismMode: mode,
      watch: { pollIntervalMs: config.poll_interval_s * 1000, pollMaxIntervalMs: config.poll_max_interval_s * 1000, maxNumPreemption: config.max_num_preemption, pendingPatienceMs: config.pending_patience_s * 1000 },
      arrays: [],
    }),
  };
}

/**
 * Renders every array script, job file and the launch descriptor of a plan. Pure: writes
 * nothing; throws (naming the field) when a value cannot be written safely.
 */
export function renderBatchLaunch<Config extends BatchLauncherConfig>(
  plan: LaunchPlan,
  config: Config,
  backend: SchedulerBackend<Config>,
  maxArraySize: number,
  mode: 'shared' | 'chained' = backend.throttleArgv === undefined ? 'chained' : 'shared',
  perTaskTimeLimit: boolean = backend.taskTimeLimitArgv !== undefined,
): RenderedBatchLaunch {
  const renderer = createArrayRenderer(plan, config, backend);
  const batches = [...chunkIntoArrays(plan.jobs, renderer.keyOf, maxArraySize, { perTaskTimeLimit })];
  const counts = batches.map((b) => b.chunk.count);
  const caps = mode === 'shared' ? initialArrayCaps(counts, config.array_parallelism) : counts.map((count) => Math.min(count, config.array_parallelism));
  const rendered = batches.map((batch, index) => renderer.render(batch, index, caps[index] ?? 1));
  const descriptor: BatchLaunchDescriptor = { ...renderer.descriptor(mode), arrays: rendered.map((r) => r.array), jobs: rendered.flatMap((r) => r.jobs) };
  return { paths: renderer.paths, descriptor, scripts: rendered.map((r) => r.script), jobFiles: () => rendered.flatMap((r) => r.jobFiles()) };
}

function stringValues(record: Readonly<Record<string, string | number | boolean>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
}
