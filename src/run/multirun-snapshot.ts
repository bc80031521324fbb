import { join } from 'node:path';
import type { LaunchPlanBase } from './launch-plan.js';
import type { ConfigTree } from '../job/job-spec.js';
import { redactRecord } from './redact/redact-record.js';
import { HYDRA_NODE_KEYS, buildLauncherNode, redactEnvSet } from './snapshots/build-hydra-node.js';
import type { LauncherSnapshotInput } from './snapshots/build-hydra-node.js';
import { toYaml } from './snapshots/to-yaml.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** The sweep snapshot's name inside a sweep folder. */
export const MULTIRUN_SNAPSHOT_FILE = 'multirun.yaml';

/** What a sweep's snapshot is built from: the overrides as typed and, when composed, the master config and its `hydra` node. */
export interface SweepSnapshotInput {
  readonly overrides: readonly string[];
  /** The sweep's master config (sweeps skipped), interpolations kept. */
  readonly config?: ConfigTree;
  /** The master config's composed `hydra` node (`launchFromConfig` passes it). */
  readonly hydra?: Readonly<Record<string, unknown>>;
}

/**
 * The content of `multirun.yaml`, as Hydra writes it: the sweep's master config with its `hydra`
 * node (Hydra's keys and order, the launcher with its `_target_`, `runtime.choices`) and the
 * overrides as typed for the whole sweep (`seed=1,2,3`, not one job's, split into `hydra` and
 * `task` as Hydra splits them), so the saved sweep can be launched again. Secrets redacted. Pure.
 */
export function buildMultirunNode(plan: LaunchPlanBase, launcher: LauncherSnapshotInput, sweep: SweepSnapshotInput): Record<string, unknown> {
  const settings = plan.hydra;
  const { hydra: _ignored, ...config } = sweep.config ?? {};
  const composed: Record<string, unknown> = sweep.hydra === undefined ? {} : { ...sweep.hydra };
  const job = record(composed['job']);
  const isHydra = (o: string): boolean => /^[~+]{0,2}hydra([./@=:]|$)/.test(o);
  const node: Record<string, unknown> = {
    run: { dir: settings.run.dir },
    sweep: { dir: settings.sweep.dir, subdir: settings.sweep.subdir },
    sweeper: { _target_: 'hydra._internal.core_plugins.basic_sweeper.BasicSweeper', max_batch_size: null, params: null },
    output_subdir: settings.output_subdir,
    ...composed,
    launcher: redactRecord(composed['launcher'] ?? buildLauncherNode(launcher)),
    mode: 'MULTIRUN',
    overrides: { hydra: [...sweep.overrides.filter(isHydra), 'hydra.mode=MULTIRUN'], task: sweep.overrides.filter((o) => !isHydra(o)) },
    job: {
      name: settings.job.name,
      chdir: settings.job.chdir,
      env_copy: [...settings.job.env_copy],
      config: { override_dirname: { ...settings.job.override_dirname, exclude_keys: [...settings.job.override_dirname.exclude_keys] } },
      ...job,
      env_set: redactEnvSet(sweep.hydra === undefined ? settings.job.env_set : record(job['env_set'])),
    },
    runtime: { ...record(composed['runtime']), cwd: plan.cwd, sweep_dir: plan.dir },
  };
  const hydra = Object.fromEntries(HYDRA_NODE_KEYS.filter((key) => node[key] !== undefined).map((key) => [key, node[key]]));
  return { hydra, ...(redactRecord(config) as Record<string, unknown>) };
}

/** Writes `<sweepDir>/multirun.yaml` atomically (the folder must exist). */
export async function writeMultirunSnapshot(sweepDir: string, node: Record<string, unknown>): Promise<void> {
  await writeFileAtomic(join(sweepDir, MULTIRUN_SNAPSHOT_FILE), toYaml(redactRecord(node)));
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
