import type { HydraSnapshot } from './build-hydra-node.js';
import { toYaml, type YamlMemo } from './to-yaml.js';

/** The hydra snapshot's name inside a state folder. */
export const HYDRA_SNAPSHOT_FILE = 'hydra.yaml';

/** The text of `hydra.yaml` from a node built by `buildHydraNode` (parts a launch keeps the same rendered once, through `memo`). */
export function renderHydraSnapshot(hydraNode: HydraSnapshot, memo?: YamlMemo): string {
  return toYaml(hydraNode, memo);
}
