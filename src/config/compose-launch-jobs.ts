import { expandSweep } from '../sweep/index.js';
import type { SweeperParamValue } from '../sweep/index.js';
import type { Composed } from './compose.js';
import { isConfigObject } from './config-tree.js';
import type { Composer } from './create-composer.js';

/** One job of a launch, composed on its own: its config and its `hydra` node reflect its overrides. */
export interface ComposedJob {
  /** `hydra.job.num`: the job's place in the launch. */
  readonly num: number;
  /** The job's task overrides, as `.hydra/overrides.yaml` lists them. */
  readonly overrides: readonly string[];
  readonly composed: Composed;
}

/** A launch composed as Hydra composes it: the primary config, then every job with its own overrides. */
export interface ComposedLaunch {
  readonly mode: 'run' | 'multirun';
  /** The sweep's master config (multirun) or the one job's config (run): it picks the launcher. */
  readonly primary: Composed;
  readonly jobs: readonly ComposedJob[];
  /** The overrides as typed for the whole launch (`seed=1,2,3`), for `multirun.yaml`. */
  readonly overrides: readonly string[];
}

export interface ComposeLaunchOptions {
  readonly overrides: readonly string[];
  readonly multirun: boolean;
  readonly now: Date;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Random source for `shuffle()` sweeps. @default Math.random */
  readonly random?: () => number;
}

/**
 * Composes a launch as Hydra 1.3 does: the primary config with every override (sweeps
 * skipped), the sweep expanded over the task overrides (`hydra.sweeper.params` first, glob
 * sweeps listed from the config folder), then each job composed again with the `hydra.*`
 * overrides plus its own, so its `hydra` node (sweep subdir, job name, env_set, launcher
 * fields) is resolved against its own values.
 */
export function composeLaunchJobs(composer: Composer, options: ComposeLaunchOptions): ComposedLaunch {
  const shared = { now: options.now, ...(options.cwd === undefined ? {} : { cwd: options.cwd }), ...(options.env === undefined ? {} : { env: options.env }) };
  if (!options.multirun) {
    const primary = composer.compose({ ...shared, overrides: options.overrides, mode: 'run' });
    return { mode: 'run', primary, jobs: [{ num: 0, overrides: primary.overrides.task, composed: primary }], overrides: [...options.overrides] };
  }
  const primary = composer.compose({ ...shared, overrides: options.overrides, mode: 'multirun' });
  const expansion = expandSweep(primary.overrides.task, {
    params: sweeperParams(primary),
    listGroupOptions: (group) => composer.source.listOptions(group),
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const jobs: ComposedJob[] = [];
  let num = 0;
  for (const overrides of expansion.jobs()) {
    const composed = composer.compose({ ...shared, overrides: [...primary.overrides.hydra, ...overrides], mode: 'run', launchMode: 'multirun', job: { num, id: String(num) } });
    jobs.push({ num, overrides: composed.overrides.task, composed });
    num += 1;
  }
  return { mode: 'multirun', primary, jobs, overrides: [...options.overrides] };
}

/** `hydra.sweeper.params` of the primary config: sweeps kept in the config, expanded before the command line's. */
function sweeperParams(composed: Composed): Record<string, SweeperParamValue> {
  const sweeper = composed.hydra['sweeper'];
  const params = isConfigObject(sweeper) ? sweeper['params'] : undefined;
  return isConfigObject(params) ? (params as Record<string, SweeperParamValue>) : {};
}
