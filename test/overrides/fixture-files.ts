// Reads the conformance fixtures (tests may touch the disk; src/overrides and src/sweep may not).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../fixtures/conformance/', import.meta.url));

/** Parsed JSON of one fixture file. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(`${ROOT}${name}`, 'utf8')) as T;
}

/** Options of a config group in compose-configs/ (YAML file names without extension), like Hydra's repository. */
export function listGroupOptions(group: string): string[] {
  try {
    return readdirSync(`${ROOT}compose-configs/${group}`, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
      .map((entry) => entry.name.replace(/\.ya?ml$/, ''));
  } catch {
    return [];
  }
}
