import { resolve } from 'node:path';
import { LaunchError } from '../errors.js';
import type { JobSpec } from '../job/job-spec.js';
import { createLauncher } from '../launchers/create-launcher.js';
import type { CreateLauncherOptions } from '../launchers/create-launcher.js';
import type { LaunchHandle } from '../launchers/launch-handle.js';
import type { LaunchOptions } from '../launchers/launch-options.js';
import type { JobsInput } from '../run/job-source.js';
import type { DryRunResult } from '../run/launch-result.js';
import { REDACTED } from '../run/redact/secret-patterns.js';
import type { Composed } from './compose.js';
import type { ConfigObject } from './config-tree.js';
import { hydraSettingsFromComposed } from './hydra-settings-from-composed.js';
import { launcherInputFromComposed } from './launcher-input.js';
import { readLaunch } from './read-launch.js';
import type { ReadJob, ReadLaunch } from './read-launch.js';
import { createResolverRegistry } from './resolver-registry.js';

/** A folder whose record cannot rebuild the launch on its own; `field` names what is missing. */
export class ResumeRebuildError extends LaunchError {
  readonly dir: string;
  readonly field: string;
  constructor(dir: string, field: string, message: string, options?: { cause?: unknown }) {
    super('ERR_RESUME_REBUILD', `Cannot resume ${JSON.stringify(dir)} from its folder alone: ${message}`, options);
    this.dir = dir;
    this.field = field;
  }
}

/** Options of `resumeLaunch`: every launch option but the ones the folder decides. */
export interface ResumeLaunchOptions extends Omit<LaunchOptions, 'resume' | 'mode' | 'sweepOverrides' | 'sweepConfig'>, CreateLauncherOptions {
  /** The job list, if the caller has it; still checked against the folder's record. @default rebuilt from the snapshots */
  readonly jobs?: JobsInput;
}

/**
 * Resumes a run or sweep folder from its record alone: the launcher is rebuilt from the
 * recorded `hydra.launcher` node (`${hydra.sweep.dir}`-style fields resolve against the folder),
 * the jobs from each job's `.hydra/` snapshots (config, overrides, `spectramind.job`). Then it is
 * the normal resume: jobs `events.jsonl` records as completed do not run again; the folder lock
 * and orphan checks apply. A record that cannot be rebuilt (a redacted secret, a job that never
 * started) throws `ResumeRebuildError` naming what to pass instead.
 */
export function resumeLaunch(dir: string, options: ResumeLaunchOptions & { readonly dryRun: true }): DryRunResult;
export function resumeLaunch(dir: string, options?: ResumeLaunchOptions): LaunchHandle;
export function resumeLaunch(dir: string, options: ResumeLaunchOptions = {}): LaunchHandle | DryRunResult {
  const { jobs: given, launchers, ...launchOptions } = options;
  const folder = resolve(options.cwd ?? process.cwd(), dir);
  const record = readLaunch(folder);
  const first = record.jobs[0];
  if (first === undefined) throw new ResumeRebuildError(folder, 'jobs', 'it records no job.');
  const now = launchTime(record);
  const composed = composedOf(first, now);
  const { input } = launcherInputFromComposed(composed);
  const { hydra: _settings, ...fields } = input;
  const secret = findRedacted(fields, 'hydra.launcher');
  if (secret !== null) {
    throw new ResumeRebuildError(folder, secret, `${secret} is recorded as ${REDACTED}. Pass the launcher yourself: createLauncher({ ... }).launch(jobs, { resume: ${JSON.stringify(dir)} }).`);
  }
  const launcher = createLauncher(input, launchers === undefined ? {} : { launchers });
  const jobs = given ?? rebuildJobs(folder, record, now);
  return launcher.launch(jobs, { now, ...launchOptions, mode: record.mode, resume: folder }) as LaunchHandle | DryRunResult;
}

/** The launch time the folder recorded (for `${now:...}` in templates), else now. */
function launchTime(record: ReadLaunch): Date {
  const start = record.events.events.find((event) => event.type === 'launch:start');
  return start === undefined ? new Date() : new Date(start.time);
}

/** One job's recorded snapshots, seen as the composition that wrote them. */
function composedOf(job: ReadJob, now: Date): Composed {
  return {
    config: job.config,
    hydra: job.hydra as ConfigObject,
    choices: {},
    overrides: { task: job.overrides, hydra: [] },
    now,
    resolvers: createResolverRegistry(),
    env: process.env,
  };
}

/** The job list from the snapshots: every job of the launch must have started once to have them. */
function rebuildJobs(folder: string, record: ReadLaunch, now: Date): JobSpec[] {
  const start = record.events.events.find((event) => event.type === 'launch:start');
  // A lazy launch stopped early records its unreached jobs as a count: no snapshot holds them.
  const unreached = record.events.events.find((event) => event.type === 'launch:end' && event.unreached !== undefined);
  if (unreached?.type === 'launch:end' && unreached.unreached !== undefined) {
    throw new ResumeRebuildError(folder, 'jobs', `jobs from ${unreached.unreached.fromNum} on were never reached, so no snapshot records them. Pass the same job source: resumeLaunch(dir, { jobs }).`);
  }
  const count = (start?.type === 'launch:start' ? start.jobCount : null) ?? record.jobs.length;
  const nums = new Set(record.jobs.map((job) => job.num));
  const missing = Array.from({ length: count }, (_, num) => num).filter((num) => !nums.has(num));
  if (missing.length > 0) {
    throw new ResumeRebuildError(folder, 'jobs', `job(s) ${missing.join(', ')} never started, so no snapshot records them. Pass the same job list: resumeLaunch(dir, { jobs }).`);
  }
  return record.jobs.map((job) => jobSpecFromRecord(folder, job, now));
}

function jobSpecFromRecord(folder: string, job: ReadJob, now: Date): JobSpec {
  const payload = job.payload;
  if (payload === null || payload.kind === 'function') {
    const why = payload === null ? 'records no command or module (written before spectramind.job existed)' : 'ran an in-process function, which a folder cannot hold';
    throw new ResumeRebuildError(folder, `jobs[${job.num}]`, `job ${job.num} ${why}. Pass the same job list: resumeLaunch(dir, { jobs }).`);
  }
  const secret = findRedacted({ env: payload.env ?? {}, env_set: (job.hydra['job'] as { env_set?: unknown } | undefined)?.env_set ?? {} }, `job ${job.num}`);
  if (secret !== null) {
    throw new ResumeRebuildError(folder, secret, `${secret} is recorded as ${REDACTED}. Pass the same job list with the real values: resumeLaunch(dir, { jobs }).`);
  }
  const { kind: _kind, ...what } = payload;
  const settings = hydraSettingsFromComposed(composedOf(job, now));
  return {
    ...what,
    overrides: job.overrides,
    config: job.config,
    hydra: {
      settings: { ...(settings.sweep === undefined ? {} : { sweep: settings.sweep }), ...(settings.job === undefined ? {} : { job: settings.job }) },
      node: job.hydra,
    },
  } as JobSpec;
}

/** The first field holding a redacted value, as a dotted path; null when none does. */
function findRedacted(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes(REDACTED) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findRedacted(item, `${path}[${index}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = findRedacted(item, `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}
