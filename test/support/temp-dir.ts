import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temp folder per call, removed after the test. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spectramind-test-'));
    made.push(dir);
    return dir;
  };
}

/** Absolute path of a job script in test/fixtures/jobs. */
export function jobScript(name: string): string {
  return new URL(`../fixtures/jobs/${name}`, import.meta.url).pathname;
}

/** True while a process with this pid runs (a zombie waiting for a reaper counts as gone). */
export { isRunning as isAlive } from '../../src/process/stop-processes.js';
