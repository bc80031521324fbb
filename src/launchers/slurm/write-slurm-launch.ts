import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RenderedSlurmLaunch, SlurmLaunchDescriptor } from './slurm-launch-files.js';

/** Name of the pointer file in the launch folder that says where the submitit folder is. */
export const POINTER_FILE = '.slurm-launch.json';

/** Writes what sbatch needs: the array scripts, launch.json and the pointer in the launch folder. */
export async function writeLaunchScripts(rendered: RenderedSlurmLaunch): Promise<void> {
  const { paths } = rendered;
  await mkdir(paths.folder, { recursive: true });
  await Promise.all(rendered.scripts.map((text, index) => writeFile(paths.script(index), text, { mode: 0o755 })));
  await writeLaunchDescriptor(rendered.descriptor);
  await mkdir(rendered.descriptor.dir, { recursive: true });
  await writeFile(join(rendered.descriptor.dir, POINTER_FILE), `${JSON.stringify({ submitit_folder: paths.folder })}\n`);
}

/**
 * Writes each job's folder in the submitit folder: job.sh (sourced at run time) and job.json.
 * Synchronous on purpose: thousands of tiny files are written faster in one go than through the
 * thread pool, and the launch waits for all of them before it releases the arrays anyway.
 */
export async function writeJobFiles(rendered: RenderedSlurmLaunch): Promise<void> {
  const { paths } = rendered;
  for (const file of rendered.jobFiles()) {
    mkdirSync(paths.jobDir(file.num), { recursive: true });
    writeFileSync(paths.jobScript(file.num), file.script);
    writeFileSync(paths.jobDescriptor(file.num), `${JSON.stringify(file.descriptor, null, 2)}\n`);
  }
  await Promise.resolve();
}

/** Replaces launch.json atomically (write, then rename), so a reader never sees half a file. */
export async function writeLaunchDescriptor(descriptor: SlurmLaunchDescriptor): Promise<void> {
  const file = join(descriptor.folder, 'launch.json');
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(descriptor, null, 2)}\n`);
  await rename(temp, file);
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
