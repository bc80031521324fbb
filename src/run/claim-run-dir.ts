import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RunDirError } from './run-dir-error.js';

/** How many `_<n>` suffixes are tried before giving up. @default 10_000 */
const MAX_SUFFIX = 10_000;

/**
 * Creates a launch's run or sweep folder and returns the one it created: `dir` itself, or
 * `dir_1`, `dir_2`, ... when it already exists. The leaf is made with an exclusive `mkdir`, so two
 * launches started in the same second (same `${now:%H-%M-%S}`) never share a folder, even across
 * processes. Parents are created as needed.
 */
export async function claimRunDir(dir: string, options: { maxSuffix?: number } = {}): Promise<string> {
  const base = resolve(dir);
  const maxSuffix = options.maxSuffix ?? MAX_SUFFIX;
  try {
    await mkdir(dirname(base), { recursive: true });
  } catch (error) {
    throw new RunDirError(base, `Cannot create the parent folder of ${JSON.stringify(base)}: ${(error as Error).message}. Check the path and its permissions.`, { cause: error });
  }
  for (let n = 0; n <= maxSuffix; n++) {
    const candidate = n === 0 ? base : `${base}_${n}`;
    try {
      await mkdir(candidate);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new RunDirError(candidate, `Cannot create the run folder ${JSON.stringify(candidate)}: ${(error as Error).message}. Check the path and its permissions.`, { cause: error });
    }
  }
  throw new RunDirError(
    base,
    `Every candidate run folder from ${JSON.stringify(base)} to ${JSON.stringify(`${base}_${maxSuffix}`)} exists. ` +
      'Put a finer time (e.g. ${now:%H-%M-%S-%f}) or ${hydra.job.id} in hydra.run.dir / hydra.sweep.dir.',
  );
}
