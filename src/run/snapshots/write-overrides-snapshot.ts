import { join } from 'node:path';
import { writeFileAtomic } from '../write-file-atomic.js';
import { toYaml } from './to-yaml.js';

/** The overrides snapshot's name inside a state folder. */
export const OVERRIDES_SNAPSHOT_FILE = 'overrides.yaml';

/** The text of `overrides.yaml`: the overrides exactly as typed, as a YAML list of strings. */
export function renderOverridesSnapshot(overrides: readonly string[]): string {
  return toYaml(overrides.map(String));
}

/** Writes the job's overrides, exactly as typed, as a YAML list of strings to `<stateDir>/overrides.yaml`. */
export async function writeOverridesSnapshot(stateDir: string, overrides: readonly string[]): Promise<void> {
  await writeFileAtomic(join(stateDir, OVERRIDES_SNAPSHOT_FILE), renderOverridesSnapshot(overrides));
}
