import { join } from 'node:path';
import { writeFileAtomic } from '../write-file-atomic.js';
import type { RunMetadata } from './run-metadata.js';

/** The metadata file's name inside a state folder. */
export const METADATA_FILE = 'metadata.json';

/** Writes `metadata.json` (pretty JSON) atomically into `stateDir`, which must exist. */
export async function writeRunMetadata(stateDir: string, metadata: RunMetadata): Promise<void> {
  await writeFileAtomic(join(stateDir, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
}
