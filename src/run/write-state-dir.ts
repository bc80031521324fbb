import { mkdirSync, renameSync, rmSync, writeFile as writeFileCallback, writeFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { nanoid } from 'nanoid';
import { RunDirError } from './run-dir-error.js';
import { writeFileAtomic, writeFileAtomicSync } from './write-file-atomic.js';

/** What happened: the folder appeared whole, or it existed and each file was replaced atomically. */
export type StateDirWrite = 'created' | 'replaced';

/**
 * Writes a small folder of files so it appears all at once: the files go into a fresh hidden
 * sibling folder, which is then renamed to `dir`. A killed launch leaves at most that hidden
 * folder, never a `.hydra` with half its files. When `dir` already exists (a second call), each
 * file is replaced atomically instead. Parents are created as needed.
 *
 * Synchronous on purpose: for a handful of small files per job this costs about a third of the
 * asynchronous version, whose every call pays a thread-pool round trip.
 */
export function writeStateDirSync(dir: string, files: Readonly<Record<string, string>>): StateDirWrite {
  const temp = join(dirname(dir), `.${basename(dir)}.${nanoid(10)}.tmp`);
  try {
    makeDir(temp);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(temp, name), text, { flag: 'wx' });
    renameSync(temp, dir);
    return 'created';
  } catch (error) {
    removeQuietly(temp);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EISDIR' && code !== 'EPERM') {
      throw new RunDirError(dir, `Cannot write the state folder ${JSON.stringify(dir)}: ${(error as Error).message}. Check hydra.output_subdir and the folder's permissions.`, { cause: error });
    }
  }
  for (const [name, text] of Object.entries(files)) writeFileAtomicSync(join(dir, name), text);
  return 'replaced';
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Nothing was created there (e.g. a file stands where a parent folder should be).
  }
}

/** One `mkdir` in the common case (parent exists); parents only when missing. */
function makeDir(path: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(path, { recursive: true });
  }
}

// The callback API skips the FileHandle objects of fs/promises: less work on the launching thread per file.
const writeFile = promisify(writeFileCallback);

/**
 * The asynchronous twin of {@link writeStateDirSync}, for the launch flow: the files are written
 * in parallel on the thread pool, so the launching thread stays free to spawn and reap jobs
 * (with many short jobs that thread, not the disk, limits throughput).
 */
export async function writeStateDir(dir: string, files: Readonly<Record<string, string>>): Promise<StateDirWrite> {
  const temp = join(dirname(dir), `.${basename(dir)}.${nanoid(10)}.tmp`);
  try {
    await mkdir(temp).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(temp, { recursive: true });
    });
    await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(temp, name), text, { flag: 'wx' })));
    await rename(temp, dir);
    return 'created';
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EISDIR' && code !== 'EPERM') {
      throw new RunDirError(dir, `Cannot write the state folder ${JSON.stringify(dir)}: ${(error as Error).message}. Check hydra.output_subdir and the folder's permissions.`, { cause: error });
    }
  }
  await Promise.all(Object.entries(files).map(([name, text]) => writeFileAtomic(join(dir, name), text)));
  return 'replaced';
}
