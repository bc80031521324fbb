import { mkdir } from 'node:fs/promises';
import type { LaunchPlan, PlannedJob } from '../../launchers/launch-plan.js';
import type { RunMetadata } from '../metadata/run-metadata.js';
import { writeRunMetadata } from '../metadata/write-run-metadata.js';
import { RunDirError } from '../run-dir-error.js';
import { buildHydraNode } from './build-hydra-node.js';
import type { LauncherSnapshotInput } from './build-hydra-node.js';
import { writeConfigSnapshot } from './write-config-snapshot.js';
import { writeHydraSnapshot } from './write-hydra-snapshot.js';
import { writeOverridesSnapshot } from './write-overrides-snapshot.js';

/**
 * Writes a job's state folder: `config.yaml`, `overrides.yaml`, `hydra.yaml` and `metadata.json`,
 * each atomically, creating the folder (and the job's output folder) first. Does nothing when
 * `output_subdir` is null (`job.stateDir === null`). Safe to call twice: files are replaced whole.
 */
export async function writeJobSnapshots(
  plan: LaunchPlan,
  job: PlannedJob,
  launcher: LauncherSnapshotInput,
  metadata: RunMetadata,
): Promise<void> {
  const stateDir = job.stateDir;
  if (stateDir === null) return;
  try {
    await mkdir(stateDir, { recursive: true });
  } catch (error) {
    throw new RunDirError(stateDir, `Cannot create the state folder ${JSON.stringify(stateDir)} of job ${job.num}: ${(error as Error).message}. Check hydra.output_subdir and the folder's permissions.`, {
      cause: error,
    });
  }
  await Promise.all([
    writeConfigSnapshot(stateDir, job.config),
    writeOverridesSnapshot(stateDir, job.overrides),
    writeHydraSnapshot(stateDir, buildHydraNode(plan, job, launcher)),
    writeRunMetadata(stateDir, metadata),
  ]);
}
