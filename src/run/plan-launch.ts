import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JobSpecError } from '../errors.js';
import type { ConfigTree, JobPayload, JobSpec } from '../job/job-spec.js';
import { checkLaunchPath, checkSubPath } from './check-sub-path.js';
import { computeOverrideDirname } from './compute-override-dirname.js';
import type { HydraSettings, RunMode } from './hydra-settings.js';
import { checkDistinctJobDirs } from './check-distinct-job-dirs.js';
import { renderPathTemplate } from './render-path-template.js';
import type { LaunchPlan, LaunchPlanBase, PlannedJob } from './launch-plan.js';

/** The facts a plan is computed from; everything impure (time, ids, env) comes in here. */
export interface PlanInput {
  readonly launcher: string;
  readonly hydra: HydraSettings;
  readonly jobs: readonly JobSpec[];
  readonly mode: RunMode;
  readonly cwd: string;
  readonly now: Date;
  readonly launchId: string;
  /** Variables the launcher adds to every job (e.g. Kaggle tagging). */
  readonly launcherEnv: Readonly<Record<string, string>>;
  readonly defaultTimeoutMin: number | null;
  /** The launching process's environment, for `hydra.job.env_copy`. */
  readonly parentEnv: NodeJS.ProcessEnv;
  /** How module jobs start: node binary, worker entry, and the tsx loader for TS modules (null: none). */
  readonly moduleRuntime: { readonly node: string; readonly worker: string; readonly tsxLoader: string | null };
  /** What relative run/sweep folders resolve against. @default cwd */
  readonly outputRoot?: string | null;
  /** The launch folder after it was claimed (may carry a `_1` suffix); default: rendered from hydra settings. */
  readonly dir?: string;
}

/** {@link PlanInput} without the jobs: what a lazy launch plans its jobs against, one at a time. */
export type PlanBase = Omit<PlanInput, 'jobs'>;

/**
 * The launch-wide part of a plan: ids, times and the launch folder. The folder template may name
 * the first job (`${hydra.job.name}`, `${hydra.job.override_dirname}`), so that job comes along.
 */
export function planLaunchBase(input: PlanBase, first: JobSpec | undefined): LaunchPlanBase {
  const { hydra, cwd } = input;
  const firstName = first?.name ?? first?.hydra?.settings.job?.name ?? hydra.job.name;
  const firstRuntime = jobRuntime(input, 0, first, firstName);
  const template = input.mode === 'run' ? hydra.run.dir : hydra.sweep.dir;
  const field = input.mode === 'run' ? 'hydra.run.dir' : 'hydra.sweep.dir';
  const dir = input.dir ?? resolve(cwd, input.outputRoot ?? cwd, checkLaunchPath(renderPathTemplate(template, baseVars(input, firstRuntime)), field, template));
  return { launchId: input.launchId, launcher: input.launcher, mode: input.mode, startedAt: input.now, dir, eventsFile: join(dir, 'events.jsonl'), cwd, hydra };
}

/** Computes every job's folder, env, payload and limit. Pure: writes nothing and starts nothing. */
export function planLaunch(input: PlanInput): LaunchPlan {
  if (input.mode === 'run' && input.jobs.length !== 1) {
    throw new JobSpecError(`mode "run" takes exactly one job, got ${input.jobs.length}; use mode "multirun" for a sweep`);
  }
  const base = planLaunchBase(input, input.jobs[0]);
  const jobs = input.jobs.map((spec, num) => planJob(input, base.dir, spec, num));
  checkDistinctJobDirs(jobs);
  return { ...base, jobs };
}

/** Plans job `num` of a launch whose folder is `dir`: folder, env, payload and limit. Pure; a bad spec throws `JobSpecError`. */
export function planJob(input: PlanBase, dir: string, spec: JobSpec, num: number): PlannedJob {
  const { hydra, cwd } = input;
  // A job composed on its own (launchFromConfig) brings its own subdir, name, chdir and env_set.
  const own = spec.hydra?.settings;
  const name = spec.name ?? own?.job?.name ?? hydra.job.name;
  const runtime = jobRuntime(input, num, spec, name);
  const subdir = own?.sweep?.subdir ?? hydra.sweep.subdir;
  const outputDir = input.mode === 'run' ? dir : join(dir, jobSubdir(subdir, renderPathTemplate(subdir, baseVars(input, runtime)), runtime));
  const stateDir = hydra.output_subdir === null ? null : join(outputDir, checkSubPath(hydra.output_subdir, 'hydra.output_subdir', hydra.output_subdir, ''));
  const config: ConfigTree = spec.config ?? {};
  const overrides = spec.overrides ?? [];
  const timeoutMin = spec.timeout_min ?? input.defaultTimeoutMin;
  return {
    num,
    id: runtime.id,
    name,
    overrides,
    overrideDirname: runtime.override_dirname,
    config,
    outputDir,
    stateDir,
    cwd: spec.cwd !== undefined ? resolve(cwd, spec.cwd) : (own?.job?.chdir ?? hydra.job.chdir) ? outputDir : cwd,
    env: jobEnv(input, { num, id: runtime.id, name, outputDir, stateDir, config, overrides }, spec),
    timeoutMs: timeoutMin === null ? null : Math.round(timeoutMin * 60_000),
    expectedDurationMs: spec.expected_duration_min === undefined ? null : Math.round(spec.expected_duration_min * 60_000),
    payload: payloadOf(spec, cwd, input.moduleRuntime),
    spec,
  };
}

/** The variables path templates see (`${now:...}`, `${hydra.job.*}`, `${hydra.sweep.dir}` ...). */
function baseVars(input: PlanBase, job: Record<string, unknown>) {
  const { hydra } = input;
  return {
    now: input.now,
    hydra: { job, run: { dir: hydra.run.dir }, sweep: { dir: hydra.sweep.dir, subdir: hydra.sweep.subdir }, mode: input.mode.toUpperCase(), runtime: { cwd: input.cwd } },
  };
}

/** A job's folder below the sweep folder, checked to stay there (no `..`, absolute, empty or NUL). */
function jobSubdir(template: string, rendered: string, job: { num: number; name: string; override_dirname: string }): string {
  const context = ` for job ${job.num} (name ${JSON.stringify(job.name)}, override_dirname ${JSON.stringify(job.override_dirname)})`;
  return checkSubPath(rendered, 'hydra.sweep.subdir', template, context);
}

function jobRuntime(input: PlanBase, num: number, spec: JobSpec | undefined, name: string) {
  const override_dirname = computeOverrideDirname(spec?.overrides ?? [], input.hydra.job.override_dirname);
  return { num, id: `${input.launchId}_${num}`, name, override_dirname };
}

interface JobFacts {
  num: number;
  id: string;
  name: string;
  outputDir: string;
  stateDir: string | null;
  config: ConfigTree;
  overrides: readonly string[];
}

// Precedence, lowest first: launcher env < hydra.job.env_set < job env < the SPECTRAMIND_* contract.
function jobEnv(input: PlanBase, job: JobFacts, spec: JobSpec): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of input.hydra.job.env_copy) {
    const value = input.parentEnv[key];
    if (value !== undefined) env[key] = value;
  }
  Object.assign(env, stringValues(input.launcherEnv), stringValues(spec.hydra?.settings.job?.env_set ?? input.hydra.job.env_set), stringValues(spec.env ?? {}));
  env.SPECTRAMIND_LAUNCH_ID = input.launchId;
  env.SPECTRAMIND_JOB_NUM = String(job.num);
  env.SPECTRAMIND_JOB_ID = job.id;
  env.SPECTRAMIND_JOB_NAME = job.name;
  env.SPECTRAMIND_RUN_DIR = job.outputDir;
  env.SPECTRAMIND_MODE = input.mode;
  env.SPECTRAMIND_OVERRIDES = JSON.stringify(job.overrides);
  if (job.stateDir !== null) env.SPECTRAMIND_CONFIG = join(job.stateDir, 'config.yaml');
  else env.SPECTRAMIND_CONFIG_JSON = JSON.stringify(job.config);
  env.SPECTRAMIND_RESULT = join(job.stateDir ?? job.outputDir, 'result.json');
  return env;
}

function stringValues(record: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
}

function payloadOf(spec: JobSpec, cwd: string, runtime: PlanInput['moduleRuntime']): JobPayload {
  if ('command' in spec) {
    if (!Array.isArray(spec.command) || spec.command.length === 0 || spec.command.some((a) => typeof a !== 'string')) {
      throw new JobSpecError(`A command job needs "command" as a non-empty array of strings (argv), got ${JSON.stringify(spec.command)}`);
    }
    return { kind: 'command', argv: [...spec.command] };
  }
  if ('module' in spec) {
    const exportName = spec.export ?? 'default';
    const url = spec.module.startsWith('file:') ? spec.module : pathToFileURL(isAbsolute(spec.module) ? spec.module : resolve(cwd, spec.module)).href;
    const needsTsx = /\.(c|m)?tsx?$/.test(url);
    if (needsTsx && runtime.tsxLoader === null) {
      throw new JobSpecError(`Module job ${JSON.stringify(spec.module)} is TypeScript, and tsx is not installed. Install it (npm i -D tsx) or point "module" at compiled JavaScript.`);
    }
    const loader = needsTsx && runtime.tsxLoader !== null ? ['--import', runtime.tsxLoader] : [];
    return { kind: 'module', module: url, exportName, argv: [runtime.node, ...loader, runtime.worker, url, exportName] };
  }
  if ('run' in spec && typeof spec.run === 'function') return { kind: 'function', run: spec.run };
  throw new JobSpecError('A job needs one of "command" (argv array), "module" (path of a JS/TS module) or "run" (a function, basic launcher only).');
}
