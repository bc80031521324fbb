import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactRecord } from '../run/redact/redact-record.js';
import { writeFileAtomic } from '../run/write-file-atomic.js';
import type { BatchLaunchDescriptor, RenderedBatchLaunch } from './render-batch-launch.js';

/** Name of the pointer file in the launch folder that says where the scheduler folder is. */
export const POINTER_FILE = '.batch-launch.json';

/** The pointer's name before the scheduler core was shared (launches written then still attach). */
export const LEGACY_POINTER_FILE = '.slurm-launch.json';

/** Writes what the submit command needs: the array scripts, launch.json and the pointer in the launch folder. */
export async function writeLaunchScripts(rendered: RenderedBatchLaunch): Promise<void> {
  const { paths } = rendered;
  await mkdir(paths.folder, { recursive: true });
  await Promise.all(rendered.scripts.map((text, index) => writeFile(paths.script(index), text, { mode: 0o755 })));
  await writeLaunchDescriptor(rendered.descriptor);
  await mkdir(rendered.descriptor.dir, { recursive: true });
  await writeFile(join(rendered.descriptor.dir, POINTER_FILE), `${JSON.stringify({ submitit_folder: paths.folder, scheduler: rendered.descriptor.scheduler })}\n`);
}

/**
 * Writes each job's folder in the scheduler folder: job.sh (sourced at run time) and job.json.
 * Synchronous on purpose: thousands of tiny files are written faster in one go than through the
 * thread pool, and the launch waits for all of them before it releases the arrays anyway.
 */
export async function writeJobFiles(rendered: RenderedBatchLaunch): Promise<void> {
  const { paths } = rendered;
  for (const file of rendered.jobFiles()) {
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
