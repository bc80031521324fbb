import { availableParallelism } from 'node:os';
import { JobSpecError } from '../../errors.js';
import { loadSchema } from '../../schema/load-schema.js';
import type { LauncherBackend, LauncherDefinition } from '../launcher-definition.js';
import { runPool } from './run-pool.js';

/** The local launcher's resolved config (schemas/local.json). */
export interface LocalLauncherConfig {
  readonly launcher: 'local';
  /** @default os.availableParallelism(), or the number of devices when fewer */
  readonly max_parallel_jobs: number;
  /** Device ids, one per running job. @default null */
  readonly devices: readonly (string | number)[] | null;
  /** @default 'CUDA_VISIBLE_DEVICES' */
  readonly device_env: string;
  /** @default null */
  readonly timeout_min: number | null;
  /** @default false */
  readonly fail_fast: boolean;
  /** @default 10 */
  readonly kill_grace_s: number;
  /** @default {} */
  readonly env: Readonly<Record<string, string | number | boolean>>;
}

function createLocalBackend(config: LocalLauncherConfig): LauncherBackend<LocalLauncherConfig> {
  return {
    checkJobs(jobs) {
      if (jobs.some((job) => 'run' in job)) {
        throw new JobSpecError('The local launcher runs jobs as child processes; function jobs ("run") need the basic launcher. Use a "module" job to run a function in parallel.');
      }
    },
    async execute(context) {
      const devices = config.devices?.map(String) ?? null;
      const free = devices ? [...devices] : null;
      await runPool(context.plan.jobs, config.max_parallel_jobs, context.shouldStop, async (job) => {
        // The pool never runs more jobs than devices, so a free device always exists here.
        const device = free ? (free.shift() as string) : null;
        const started = context.clock.now();
        try {
          const outcome = await context.runJob(job, device === null ? {} : { device, extraEnv: { [config.device_env]: device } });
          context.finishJob(job, outcome, { durationMs: context.clock.now() - started });
        } finally {
          if (device !== null) free?.push(device);
        }
      });
    },
  };
}

/** Fills the one default that depends on the machine, once, at creation. */
function resolveLocalConfig(input: Record<string, unknown>): Record<string, unknown> {
  // Hydra's joblib launcher calls the same knob n_jobs (-1: all cores).
  const { n_jobs: nJobs, ...rest } = input;
  const fromJoblib = typeof nJobs === 'number' ? { max_parallel_jobs: nJobs < 1 ? availableParallelism() : nJobs } : {};
  return { ...fromJoblib, ...rest };
}

export const localLauncher: LauncherDefinition<LocalLauncherConfig> = {
  name: 'local',
  targets: [
    'hydra_plugins.hydra_submitit_launcher.submitit_launcher.LocalLauncher',
    'hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher',
  ],
  schema: loadSchema('local.json'),
  translate: resolveLocalConfig,
  finalize: (config) => {
    const devices = config.devices?.length ?? Infinity;
    const requested = config.max_parallel_jobs ?? availableParallelism();
    return { ...config, max_parallel_jobs: Math.min(requested, devices) };
  },
  createBackend: createLocalBackend,
};
