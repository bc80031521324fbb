import type { LaunchPlanBase, PlannedJob } from '../launch-plan.js';
import type { RunMetadata } from '../metadata/run-metadata.js';
import { METADATA_FILE, renderRunMetadata } from '../metadata/write-run-metadata.js';
import { redactOverrides, redactRecord } from '../redact/redact-record.js';
import { writeStateDir } from '../write-state-dir.js';
import { buildHydraNode } from './build-hydra-node.js';
import { createHydraSnapshotRenderer } from './create-hydra-snapshot-renderer.js';
import type { LauncherSnapshotInput } from './build-hydra-node.js';
import { CONFIG_SNAPSHOT_FILE, renderConfigSnapshot } from './write-config-snapshot.js';
import { HYDRA_SNAPSHOT_FILE, renderHydraSnapshot } from './write-hydra-snapshot.js';
import { OVERRIDES_SNAPSHOT_FILE, renderOverridesSnapshot } from './write-overrides-snapshot.js';

/**
 * Writes a job's state folder (`<outputDir>/<output_subdir>`): `config.yaml`, `overrides.yaml`,
 * `hydra.yaml` and `metadata.json`. The folder appears with all four files at once (see
 * `writeStateDir`); a second call replaces each file atomically. Creates the job's output
 * folder if needed. Does nothing when `output_subdir` is null (`job.stateDir === null`).
 */
export async function writeJobSnapshots(
  plan: LaunchPlanBase,
  job: PlannedJob,
  launcher: LauncherSnapshotInput,
  metadata: RunMetadata,
): Promise<void> {
  await createJobSnapshotWriter(plan, launcher, metadata)(job);
}

/**
 * `writeJobSnapshots` for every job of one launch: what is the same for all of them
 * (`metadata.json`) is rendered once, not once per job.
 */
export function createJobSnapshotWriter(plan: LaunchPlanBase, launcher: LauncherSnapshotInput, metadata: RunMetadata): (job: PlannedJob) => Promise<void> {
  let metadataText: string | null = null;
  const renderHydra = createHydraSnapshotRenderer(plan, launcher);
  return async (job) => {
    if (job.stateDir === null) return;
    metadataText ??= renderRunMetadata(metadata);
    await writeStateDir(job.stateDir, renderJobSnapshots(plan, job, launcher, metadataText, renderHydra));
  };
}

/**
 * The four files of a job's state folder, by name: `config.yaml` as the job reads it, the others
 * through the redaction policy. Pure, so a worker thread can render them off the launching thread.
 * A launch passes one `createHydraSnapshotRenderer` for all its jobs (what they share rendered once).
 */
export function renderJobSnapshots(
  plan: LaunchPlanBase,
  job: PlannedJob,
  launcher: LauncherSnapshotInput,
  metadataText: string,
  renderHydra: (job: PlannedJob) => string = (one) => renderHydraSnapshot(redactRecord(buildHydraNode(plan, one, launcher))),
): Record<string, string> {
  return {
    [CONFIG_SNAPSHOT_FILE]: renderConfigSnapshot(job.config),
    // Every file but config.yaml (what the job reads) goes through the redaction policy.
    [OVERRIDES_SNAPSHOT_FILE]: renderOverridesSnapshot(redactOverrides(job.overrides)),
    [HYDRA_SNAPSHOT_FILE]: renderHydra(job),
    [METADATA_FILE]: metadataText,
  };
}
