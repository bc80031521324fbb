import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { JobSpecError } from '../errors.js';
import type { JobSpec } from '../job/job-spec.js';
import { createLauncher } from '../launchers/create-launcher.js';
import type { LaunchOptions } from '../launchers/launch-options.js';
import type { LaunchResult } from '../run/launch-result.js';
import { writeFileAtomic } from '../run/write-file-atomic.js';
import { readJob } from './read-launch.js';

/** Options of `reproduce`: where the new run goes and how it runs. */
export interface ReproduceOptions extends Omit<LaunchOptions, 'dryRun' | 'resume' | 'mode' | 'sweepOverrides' | 'sweepConfig'> {
  /** The new run folder's template. @default 'logs/runs/${now:%Y-%m-%d}/${now:%H-%M-%S}' */
  readonly runDir?: string;
  /** The launcher that runs it again. @default 'basic' */
  readonly launcher?: string;
}

/**
 * Launches one job again from its folder alone: the same config (`.hydra/config.yaml`), overrides
 * and command or module (`hydra.yaml`'s `spectramind.job`), into a new run folder. Each folder's
 * `metadata.json` then names the other (`reproducedFrom` / `reproducedIn`).
 */
export async function reproduce(jobDir: string, options: ReproduceOptions = {}): Promise<LaunchResult> {
  const { runDir, launcher, ...launchOptions } = options;
  const source = resolve(options.cwd ?? process.cwd(), jobDir);
  const job = readJob(source);
  if (job.payload === null || job.payload.kind === 'function') {
    throw new JobSpecError(`Cannot reproduce ${JSON.stringify(source)}: its hydra.yaml records ${job.payload === null ? 'no command or module (written before spectramind.job existed)' : 'an in-process function, which cannot be rebuilt from a folder'}.`);
  }
  const { kind: _kind, ...payload } = job.payload;
  const base = { overrides: job.overrides, config: job.config, ...(job.payload.kind === 'module' ? { module: job.payload.module, export: job.payload.export } : {}) };
  const spec = { ...payload, ...base } as JobSpec;
  const jobName = ((job.hydra['job'] ?? {}) as { name?: unknown }).name;
  const created = createLauncher({ launcher: launcher ?? 'basic', hydra: { ...(runDir === undefined ? {} : { run: { dir: runDir } }), ...(typeof jobName === 'string' ? { job: { name: jobName } } : {}) } });
  const result = await created.launch([spec], { ...launchOptions, mode: 'run' });
  await link(join(result.dir, '.hydra', 'metadata.json'), { reproducedFrom: source });
  await link(join(source, '.hydra', 'metadata.json'), { reproducedIn: result.dir });
  return result;
}

/** Adds a field to a `metadata.json` (kept atomic); a missing file is left alone. */
async function link(file: string, fields: Record<string, string>): Promise<void> {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return;
  }
  const merged: Record<string, unknown> = { ...data };
  for (const [key, value] of Object.entries(fields)) {
    const earlier = merged[key];
    merged[key] = key === 'reproducedIn' ? [...(Array.isArray(earlier) ? earlier : []), value] : value;
  }
  await writeFileAtomic(file, `${JSON.stringify(merged, null, 2)}\n`);
}
