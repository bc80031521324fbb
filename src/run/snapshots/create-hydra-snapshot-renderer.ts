import { isDeepStrictEqual } from 'node:util';
import type { LaunchPlanBase, PlannedJob } from '../launch-plan.js';
import { createRecordRedactor, redactRecord } from '../redact/redact-record.js';
import { buildHydraNode, buildLauncherNode, HYDRA_STUBS, type LauncherSnapshotInput } from './build-hydra-node.js';
import { createYamlMemo } from './to-yaml.js';
import { renderHydraSnapshot } from './write-hydra-snapshot.js';

/**
 * `hydra.yaml`'s text for every job of one launch, the same text as
 * `renderHydraSnapshot(redactRecord(buildHydraNode(plan, job, launcher)))`. What is the same for
 * every job is built, redacted and rendered once: the launcher node (built and redacted three
 * times per job before) and Hydra's stub nodes; each job's own fields still go through the
 * redaction policy.
 */
export function createHydraSnapshotRenderer(plan: LaunchPlanBase, launcher: LauncherSnapshotInput): (job: PlannedJob) => string {
  const judge = createRecordRedactor();
  // Kept as they are only where redacting them again changes nothing (a node redacted once, Hydra's stubs).
  const stable = (value: unknown): value is object => typeof value === 'object' && value !== null && isDeepStrictEqual(judge(value), value);
  const built = redactRecord(buildLauncherNode(launcher));
  const launcherNode = stable(built) ? built : undefined;
  const constant = new Set<object>([launcherNode, ...Object.values(HYDRA_STUBS)].filter(stable));
  const redact = createRecordRedactor({ redacted: constant });
  const memo = createYamlMemo(constant);
  return (job) => renderHydraSnapshot(redact(buildHydraNode(plan, job, launcher, launcherNode)), memo);
}
