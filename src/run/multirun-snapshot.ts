import { join } from 'node:path';
import type { LaunchPlan } from './launch-plan.js';
import type { ConfigTree } from '../job/job-spec.js';
import { buildLauncherNode, redactEnvSet } from './snapshots/build-hydra-node.js';
import type { LauncherSnapshotInput } from './snapshots/build-hydra-node.js';
import { toYaml } from './snapshots/to-yaml.js';
import { redactRecord } from './redact/redact-record.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** The sweep snapshot's name inside a sweep folder. */
export const MULTIRUN_SNAPSHOT_FILE = 'multirun.yaml';

/**
 * The content of `multirun.yaml`, as Hydra writes it: the sweep's config with a `hydra` node
 * holding the output settings, the launcher and the overrides as typed for the whole sweep
 * (`seed=1,2,3`, not one job's), so the saved sweep can be launched again. Pure.
 */
export function buildMultirunNode(
  plan: LaunchPlan,
  launcher: LauncherSnapshotInput,
  sweep: { readonly overrides: readonly string[]; readonly config?: ConfigTree },
): Record<string, unknown> {
  const settings = plan.hydra;
  const { hydra: _ignored, ...config } = sweep.config ?? {};
  return {
    hydra: {
      run: { dir: settings.run.dir },
      sweep: { dir: settings.sweep.dir, subdir: settings.sweep.subdir },
      launcher: buildLauncherNode(launcher),
      mode: 'MULTIRUN',
      output_subdir: settings.output_subdir,
      overrides: { task: [...sweep.overrides] },
      job: {
        name: settings.job.name,
        chdir: settings.job.chdir,
        env_set: redactEnvSet(settings.job.env_set),
        env_copy: [...settings.job.env_copy],
        config: { override_dirname: { ...settings.job.override_dirname, exclude_keys: [...settings.job.override_dirname.exclude_keys] } },
      },
      runtime: { cwd: plan.cwd, sweep_dir: plan.dir },
    },
    ...config,
  };
}

/** Writes `<sweepDir>/multirun.yaml` atomically (the folder must exist). */
export async function writeMultirunSnapshot(sweepDir: string, node: Record<string, unknown>): Promise<void> {
  await writeFileAtomic(join(sweepDir, MULTIRUN_SNAPSHOT_FILE), toYaml(redactRecord(node)));
}
