import { availableParallelism } from 'node:os';
import { mapLimit } from '../../async/map-limit.js';
import { ConfigError, JobSpecError } from '../../errors.js';
import type { PlannedJob } from '../../run/launch-plan.js';
import { loadSchema } from '../../schema/load-schema.js';
import type { LauncherBackend, LauncherCommonConfig, LauncherDefinition } from '../launcher-definition.js';

/** The local launcher's resolved config (schemas/local.json). */
export interface LocalLauncherConfig extends LauncherCommonConfig {
  readonly launcher: 'local';
  /** @default os.availableParallelism(), or the number of devices when fewer */
  readonly max_parallel_jobs: number;
  /** Device ids, one per running job. @default null */
  readonly devices: readonly (string | number)[] | null;
  /** @default 'CUDA_VISIBLE_DEVICES' */
  readonly device_env: string;
}

function createLocalBackend(config: LocalLauncherConfig): LauncherBackend<LocalLauncherConfig> {
  return {
    checkJobs(jobs) {
      if (jobs.some((job) => 'run' in job)) {
        throw new JobSpecError('The local launcher runs jobs as child processes; function jobs ("run") need the basic launcher. Use a "module" job to run a function in parallel.');
      }
    },
    lazy: true,
    async execute(context) {
      const free = config.devices?.map(String) ?? null;
      const runOne = async (job: PlannedJob): Promise<void> => {
        // The pool never runs more jobs than devices, so a free device always exists here.
        const device = free ? (free.shift() as string) : null;
        const started = context.clock.now();
        try {
          const outcome = await context.runJob(job, device === null ? {} : { device, extraEnv: { [config.device_env]: device } });
          context.finishJob(job, outcome, { durationMs: context.clock.now() - started });
        } finally {
          if (device !== null) free?.push(device);
        }
      };
      await mapLimit(context.jobs(), config.max_parallel_jobs, runOne, context.shouldStop);
    },
  };
}

/**
 * Maps joblib's `n_jobs` onto `max_parallel_jobs` as joblib reads it: a positive count, or -1 for
 * every core, -2 for all but one, and so on. 0 and non-integers are errors, as in joblib.
 */
function translateJoblib(input: Record<string, unknown>): Record<string, unknown> {
  if (!('n_jobs' in input)) return input;
  const { n_jobs: nJobs, ...rest } = input;
  if (nJobs === null || nJobs === undefined) return rest;
  if (typeof nJobs !== 'number' || !Number.isInteger(nJobs) || nJobs === 0) {
    throw new ConfigError('local launcher config', [
      { path: '/n_jobs', value: nJobs, message: "must be a positive integer, or -1 for every core (-2 for all but one, ...), as in joblib; or use max_parallel_jobs" },
    ]);
  }
  const cores = availableParallelism();
  return { max_parallel_jobs: nJobs > 0 ? nJobs : Math.max(1, cores + 1 + nJobs), ...rest };
}

export const localLauncher: LauncherDefinition<LocalLauncherConfig> = {
  name: 'local',
  targets: [
    'hydra_plugins.hydra_submitit_launcher.submitit_launcher.LocalLauncher',
    'hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher',
  ],
  schema: loadSchema('local.json'),
  translate: translateJoblib,
  // Fills the one default that depends on the machine, once, at creation.
  finalize: (config) => {
    const devices = config.devices?.length ?? Infinity;
    const requested = config.max_parallel_jobs ?? availableParallelism();
    return { ...config, max_parallel_jobs: Math.min(requested, devices) };
  },
  createBackend: createLocalBackend,
};
