import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'slurm');

/**
 * Reads a golden file. A missing one is a failure, never a pass: only `UPDATE_GOLDEN=1`
 * (re)writes it from `actual`, for a human to review in the diff.
 */
export function golden(name: string, actual: string): string {
  const file = join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`The golden file ${file} is missing. Run the test with UPDATE_GOLDEN=1 to write it, review it, and commit it.`);
  return readFileSync(file, 'utf8');
}
