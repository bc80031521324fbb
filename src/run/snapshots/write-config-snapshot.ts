import { join } from 'node:path';
import type { ConfigTree } from '../../job/job-spec.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { toYaml } from './to-yaml.js';

/** The config snapshot's name inside a state folder. */
export const CONFIG_SNAPSHOT_FILE = 'config.yaml';

/** The text of `config.yaml`: the job's full config as YAML. */
export function renderConfigSnapshot(config: ConfigTree): string {
  return toYaml(config);
}

/** Writes the job's full config to `<stateDir>/config.yaml` (atomically; the folder must exist). */
export async function writeConfigSnapshot(stateDir: string, config: ConfigTree): Promise<void> {
  await writeFileAtomic(join(stateDir, CONFIG_SNAPSHOT_FILE), renderConfigSnapshot(config));
}
