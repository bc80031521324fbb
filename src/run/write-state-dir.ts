import { mkdirSync, renameSync, rmSync, writeFileSync, writeFile as writeFileCallback } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { nanoid } from 'nanoid';
import { RunDirError } from './run-dir-error.js';
import { writeFileAtomic, writeFileAtomicSync } from './write-file-atomic.js';

/** What happened: the folder appeared whole, or it existed and each file was replaced atomically. */
export type StateDirWrite = 'created' | 'replaced';

// The callback API skips the FileHandle objects of fs/promises: less work on the launching thread per file.
const writeFile = promisify(writeFileCallback);

/**
 * Writes a small folder of files so it appears all at once: the files go into a fresh hidden
 * sibling folder, which is then renamed to `dir`. A killed launch leaves at most that hidden
 * folder, never a `.hydra` with half its files. When `dir` already exists (a second call, e.g. a
 * requeued job), each file is replaced atomically instead. Parents are created as needed.
 *
 * The files are written in parallel on the thread pool, so the launching thread (which also
 * forks every child, and is the bottleneck of a sweep of short jobs) stays free.
 */
export async function writeStateDir(dir: string, files: Readonly<Record<string, string>>): Promise<StateDirWrite> {
  const temp = tempSiblingOf(dir);
  try {
    // One call creates the parents too (the job's folder): recursive mkdir tries the leaf first.
    await mkdir(temp, { recursive: true });
    await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(temp, name), text, { flag: 'wx' })));
    await rename(temp, dir);
    return 'created';
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throwUnlessExisting(dir, error);
  }
  await Promise.all(Object.entries(files).map(([name, text]) => writeFileAtomic(join(dir, name), text)));
  return 'replaced';
}

/**
 * `writeStateDir` in one synchronous call, for a worker thread that prepares a job's folder in
 * one go (where the async form would bounce every step back through an event loop).
 */
export function writeStateDirSync(dir: string, files: Readonly<Record<string, string>>): StateDirWrite {
  const temp = tempSiblingOf(dir);
  try {
    mkdirSync(temp, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(temp, name), text, { flag: 'wx' });
    renameSync(temp, dir);
    return 'created';
  } catch (error) {
    removeQuietly(temp);
    throwUnlessExisting(dir, error);
  }
  for (const [name, text] of Object.entries(files)) writeFileAtomicSync(join(dir, name), text);
  return 'replaced';
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Its parent is not a folder: nothing was made.
  }
}

/** The hidden sibling folder the files are written in before it is renamed to `dir`. */
function tempSiblingOf(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.${nanoid(10)}.tmp`);
}

/** The rename failed because `dir` already exists (its files are then replaced one by one); anything else is the launch's error. */
function throwUnlessExisting(dir: string, error: unknown): void {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EISDIR' && code !== 'EPERM') {
    throw new RunDirError(dir, `Cannot write the state folder ${JSON.stringify(dir)}: ${(error as Error).message}. Check hydra.output_subdir and the folder's permissions.`, { cause: error });
  }
}
