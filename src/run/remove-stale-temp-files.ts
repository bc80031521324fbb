import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The hidden temp names our atomic writers use: `.<name>.<10-char id>.tmp` (a `.hydra` one is `..hydra.<id>.tmp`). */
const TEMP_NAME = /^\..+\.[A-Za-z0-9_-]{8,10}\.tmp$/;

/**
 * Removes temp files and folders an atomic write left behind when its process was killed
 * mid-write, from each given folder (not below). Only this launch's owner calls it, under the
 * folder lock, so no live writer's temp is touched. Returns how many it removed.
 */
export async function removeStaleTempFiles(dirs: Iterable<string>): Promise<number> {
  let removed = 0;
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => TEMP_NAME.test(n))) {
      await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
      removed += 1;
    }
  }
  return removed;
}
