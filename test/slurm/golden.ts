import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'slurm');

/** Reads a golden file; `UPDATE_GOLDEN=1` (re)writes it from `actual` first. */
export function golden(name: string, actual: string): string {
  const file = join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  return readFileSync(file, 'utf8');
}
