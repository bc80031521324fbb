import type { LaunchPlan, PlannedJob } from '../run/launch-plan.js';
import type { BatchLauncherConfig } from './batch-launcher-config.js';
import { chunkIntoArrays } from './chunk-into-arrays.js';
import { refOf } from '../run/job-ref.js';
import { createArrayRenderer } from './render-batch-launch.js';
import { taskTimeLimitCalls } from './task-time-limit-calls.js';
import type { ArrayKey } from './split-into-arrays.js';
import type { SchedulerBackend } from './scheduler-backend.js';

/** How many array scripts, job scripts and scheduler calls a dry run shows in full. @default 20 */
export const DRY_RUN_SHOWN = 20;

/** What a batch dry run needs besides the plan. */
export interface DescribeBatchOptions {
  /** The jobs, read once, lazily. @default plan.jobs */
  readonly jobs?: Iterable<PlannedJob>;
  /** How many jobs the source holds when known up front (decides chaining like the launch does); null: unknown. @default plan.jobs.length */
  readonly jobCount?: number | null;
  /** @default DRY_RUN_SHOWN */
  readonly show?: number;
}

/**
 * What `launch(jobs, { dryRun: true })` shows for a batch launcher: every array script is
 * rendered, array by array as the source is read (a 10^6-job sweep is never held whole); the
 * first `show` scripts, job scripts and scheduler calls are kept in full, the rest counted.
 * `submitCommands` are the submit program's calls: a probe the first time a request is seen,
 * then one held submit per array. `schedulerCommands` are every call up to the release, in
 * order: those, each submit followed by the calls lowering its shorter tasks' time limits, then
 * the one release. The cluster is not asked (MaxArraySize:
 * `max_array_size`, else the backend's documented default). Pure.
 */
export function describeBatchPlan<Config extends BatchLauncherConfig>(plan: LaunchPlan, config: Config, backend: SchedulerBackend<Config>, options: DescribeBatchOptions = {}): Record<string, unknown> {
  const maxArraySize = config.max_array_size ?? backend.defaultMaxArraySize;
  const show = options.show ?? DRY_RUN_SHOWN;
  const knownCount = options.jobCount === undefined ? plan.jobs.length : options.jobCount;
  const mode = backend.throttleArgv === undefined ? 'chained' : 'shared';
  const chain = mode === 'chained' && (knownCount === null || knownCount > config.array_parallelism);
  const renderer = createArrayRenderer(plan, config, backend);
  const probed = new Set<string>();
  const submitCommands: string[][] = [];
  const schedulerCommands: string[][] = [];
  const released: string[] = [];
  let schedulerCalls = 0;
  const note = (argv: readonly string[]) => {
    if (schedulerCommands.length < show) schedulerCommands.push([...argv]);
    schedulerCalls += 1;
  };
  const scripts: { path: string; offset: number; count: number; text: string }[] = [];
  const jobScripts: { num: number; path: string; text: string }[] = [];
  const arrayCaps: number[] = [];
  let calls = 0;
  let arrays = 0;
  let jobs = 0;
  let scriptBytes = 0;
  let budget = config.array_parallelism;
  // Only keys go through the chunker: each planned job is garbage once its key is taken (young, never promoted).
  const firstJobs: PlannedJob[] = [];
  function* keys(): Generator<ArrayKey> {
    for (const job of options.jobs ?? plan.jobs) {
      if (firstJobs.length < show) firstJobs.push(job);
      yield renderer.keyOf(job);
    }
  }
  for (const batch of chunkIntoArrays(keys(), (key) => key, maxArraySize, { perTaskTimeLimit: backend.taskTimeLimitArgv !== undefined })) {
    // shared: the first arrays take the budget, the rest wait held (cap 0) until earlier ones finish
    const cap = mode === 'shared' ? Math.min(batch.chunk.count, budget) : Math.min(batch.chunk.count, config.array_parallelism);
    budget -= mode === 'shared' ? cap : 0;
    const rendered = renderer.arrayScript(batch.chunk, arrays, cap);
    const key = `${batch.chunk.timeMin}\u0000${batch.chunk.jobName}`;
    const probe = probed.has(key) ? undefined : backend.probeArgv?.(rendered.array.script);
    probed.add(key);
    const submit = backend.submitArgv(rendered.array.script, { hold: true, after: chain && arrays > 0 ? `<array ${arrays - 1}>` : null });
    for (const argv of probe === undefined ? [submit] : [probe, submit]) {
      if (submitCommands.length < show) submitCommands.push([...argv]);
      calls += 1;
      note(argv);
    }
    // a held array with shorter tasks: one call per shorter limit lowers them before the release
    for (const limit of taskTimeLimitCalls(batch.chunk.taskLimits)) note(backend.taskTimeLimitArgv?.(`<array ${arrays}>`, limit.tasks, limit.timeMin) ?? []);
    if (cap > 0) released.push(`<array ${arrays}>`);
    if (arrays < show) {
      arrayCaps.push(cap);
      scripts.push({ path: rendered.array.script, offset: batch.chunk.offset, count: batch.chunk.count, text: rendered.script });
    }
    for (let task = 0; task < batch.chunk.count && jobScripts.length < show; task++) {
      const job = firstJobs[jobScripts.length] as PlannedJob;
      const file = renderer.jobFile(job, { ...refOf(job), kind: job.payload.kind === 'module' ? 'module' : 'command', timeoutMs: renderer.keyOf(job).timeMin * 60_000, array: arrays, task });
      jobScripts.push({ num: file.num, path: renderer.paths.jobScript(file.num), text: file.script });
    }
    scriptBytes += rendered.script.length;
    arrays += 1;
    jobs += batch.chunk.count;
  }
  if (released.length > 0) note(backend.releaseArgv(released));
  const truncated = arrays > show || jobs > show || schedulerCalls > show;
  return {
    submititFolder: renderer.paths.folder,
    maxArraySize,
    parallelismMode: mode,
    jobCount: jobs,
    arrayCount: arrays,
    submitCalls: calls,
    ...(truncated ? { shown: `the first ${Math.min(show, arrays)} of ${arrays} array scripts, ${Math.min(show, jobs)} of ${jobs} job scripts, ${Math.min(show, calls)} of ${calls} submit calls and ${Math.min(show, schedulerCalls)} of ${schedulerCalls} scheduler calls (all ${arrays} scripts were rendered: ${scriptBytes} bytes)` } : {}),
    submitCommands,
    schedulerCalls,
    schedulerCommands,
    arrayCaps,
    scripts,
    jobScripts,
  };
}
