import type { HydraSnapshot } from './build-hydra-node.js';
import { toYaml } from './to-yaml.js';

/** The hydra snapshot's name inside a state folder. */
export const HYDRA_SNAPSHOT_FILE = 'hydra.yaml';

/** The text of `hydra.yaml` from a node built by `buildHydraNode`. */
export function renderHydraSnapshot(hydraNode: HydraSnapshot): string {
  return toYaml(hydraNode);
}
