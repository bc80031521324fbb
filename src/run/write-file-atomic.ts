import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { nanoid } from 'nanoid';
import { RunDirError } from './run-dir-error.js';

/** A hidden sibling of `path`: same folder, so the rename never crosses file systems. */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${nanoid(10)}.tmp`);
}

function writeError(path: string, error: unknown): RunDirError {
  return new RunDirError(path, `Cannot write ${JSON.stringify(path)}: ${(error as Error).message}. Check that its folder exists and is writable.`, {
    cause: error,
  });
}

/**
 * Writes a file so readers see the old content or the whole new content, never a part: the data
 * goes to a temp file in the same folder (created exclusively), which is then renamed over `path`.
 * The temp file is removed if anything fails. The folder must exist.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw writeError(path, error);
  }
}

/** `writeFileAtomic` in one synchronous call (a worker thread's job folder work). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, data, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Its folder is not there (or not a folder): no temp file either.
    }
    throw writeError(path, error);
  }
}
