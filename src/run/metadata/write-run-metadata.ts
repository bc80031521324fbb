import { join } from 'node:path';
import { writeFileAtomic } from '../write-file-atomic.js';
import type { RunMetadata } from './run-metadata.js';

/** The metadata file's name inside a state folder. */
export const METADATA_FILE = 'metadata.json';

/** The text of `metadata.json`: pretty JSON with a final newline. */
export function renderRunMetadata(metadata: RunMetadata): string {
  return `${JSON.stringify(metadata, null, 2)}\n`;
}

/** Writes `metadata.json` atomically into `stateDir`, which must exist. */
export async function writeRunMetadata(stateDir: string, metadata: RunMetadata): Promise<void> {
  await writeFileAtomic(join(stateDir, METADATA_FILE), renderRunMetadata(metadata));
}
