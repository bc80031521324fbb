import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactRecord } from '../run/redact/redact-record.js';
import { writeFileAtomic } from '../run/write-file-atomic.js';
import type { BatchPaths } from './batch-paths.js';
import type { BatchLaunchDescriptor, JobFile, RenderedArray } from './render-batch-launch.js';

/** Name of the pointer file in the launch folder that says where the scheduler folder is. */
export const POINTER_FILE = '.batch-launch.json';

/** The pointer's name before the scheduler core was shared (launches written then still attach). */
export const LEGACY_POINTER_FILE = '.slurm-launch.json';

/** Creates the scheduler folder and writes the pointer in the launch folder that says where it is. */
export async function writeLaunchPointer(descriptor: BatchLaunchDescriptor): Promise<void> {
  await mkdir(descriptor.folder, { recursive: true });
  await mkdir(descriptor.dir, { recursive: true });
  await writeFile(join(descriptor.dir, POINTER_FILE), `${JSON.stringify({ submitit_folder: descriptor.folder, scheduler: descriptor.scheduler })}\n`);
}

/** Writes one array's batch script (what the submit command reads). */
export async function writeArrayScript(rendered: RenderedArray): Promise<void> {
  await writeFile(rendered.array.script, rendered.script, { mode: 0o755 });
}

/**
 * Writes each job's folder in the scheduler folder: job.sh (sourced at run time) and job.json.
 * Synchronous on purpose: thousands of tiny files are written faster in one go than through the
 * thread pool, and the launch waits for all of them before it releases the array anyway.
 */
export async function writeJobFiles(paths: BatchPaths, files: readonly JobFile[]): Promise<void> {
  for (const file of files) {
    mkdirSync(paths.jobDir(file.num), { recursive: true });
    writeFileSync(paths.jobScript(file.num), file.script);
    writeFileSync(paths.jobDescriptor(file.num), `${JSON.stringify(redactRecord(file.descriptor), null, 2)}\n`);
  }
  await Promise.resolve();
}

/** Replaces launch.json atomically, so a reader (attach) never sees half a file. */
export async function writeLaunchDescriptor(descriptor: BatchLaunchDescriptor): Promise<void> {
  await mkdir(descriptor.folder, { recursive: true });
  await writeFileAtomic(join(descriptor.folder, 'launch.json'), `${JSON.stringify(redactRecord(descriptor), null, 2)}\n`);
}

/** Reads a JSON file, or returns null when it does not exist. */
export async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
