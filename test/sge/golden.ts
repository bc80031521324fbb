import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Compares text with a checked-in golden file. A missing file fails the test: golden files are
 * written only on purpose, with UPDATE_GOLDEN=1, and reviewed like code.
 */
export function expectGolden(name: string, text: string): void {
  const path = new URL(`./golden/${name}`, import.meta.url).pathname;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, text);
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing: write it with UPDATE_GOLDEN=1 and review it`);
  expect(text).toBe(readFileSync(path, 'utf8'));
}
