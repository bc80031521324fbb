import type { JobSpec } from '../../job/job-spec.js';
import type { LaunchPlanBase, PlannedJob } from '../launch-plan.js';
import { LAUNCH_VERSION } from '../launch-version.js';
import { redactArgv, redactEnv, redactRecord } from '../redact/redact-record.js';

/** The launcher as resolved for this launch: its registered name and its validated config. */
export interface LauncherSnapshotInput {
  readonly name: string;
  readonly config: object;
}

/** The keys of Hydra 1.3's `hydra` node, in the order its `hydra.yaml` lists them. */
export const HYDRA_NODE_KEYS = [
  'run', 'sweep', 'launcher', 'sweeper', 'help', 'hydra_help', 'hydra_logging', 'job_logging', 'env', 'mode',
  'searchpath', 'callbacks', 'output_subdir', 'overrides', 'job', 'runtime', 'verbose',
] as const;

/** What the job runs, recorded so it can be rebuilt from its folder (`reproduce`, `resume`): our own field, beside `hydra`. */
export type RecordedJobPayload =
  | { readonly kind: 'command'; readonly command: readonly string[] }
  | { readonly kind: 'module'; readonly module: string; readonly export: string }
  | { readonly kind: 'function' };

/** `hydra.yaml`'s second top-level key: what Hydra has no field for. */
export interface SpectramindSnapshotNode {
  readonly launch_id: string;
  readonly job: RecordedJobPayload & {
    /** The job's own working directory when it set one (`JobSpec.cwd`). */
    readonly cwd?: string;
    readonly env?: Readonly<Record<string, string>>;
    readonly timeout_min?: number;
    readonly expected_duration_min?: number;
  };
}

/** The `hydra` node of `hydra.yaml`: Hydra 1.3's keys in its order (see `HYDRA_NODE_KEYS`). */
export type HydraSnapshotNode = Readonly<Record<(typeof HYDRA_NODE_KEYS)[number], unknown>>;

/** What `hydra.yaml` holds: `hydra:` as in Hydra's file, then `spectramind:` with the job's command or module. */
export interface HydraSnapshot {
  readonly hydra: HydraSnapshotNode;
  readonly spectramind: SpectramindSnapshotNode;
}

/**
 * Builds the `hydra.yaml` content for one job, complete as Hydra 1.3 writes it: the job's own
 * composed `hydra` node when it has one (`launchFromConfig`: interpolations kept, `runtime.choices`,
 * `overrides.hydra`/`overrides.task`, the launcher node with its `_target_`), else one built from the
 * launch's output settings; then the runtime facts (`job.num`, `job.id`, `override_dirname`,
 * `runtime.output_dir` = the folder actually used). Secrets are redacted. Pure.
 */
export function buildHydraNode(plan: LaunchPlanBase, job: PlannedJob, launcher: LauncherSnapshotInput, launcherNode?: Readonly<Record<string, unknown>>): HydraSnapshot {
  const composed = job.spec.hydra?.node;
  const base: Record<string, unknown> = composed === undefined ? settingsNode(plan, job, launcherNode ?? buildLauncherNode(launcher)) : { ...composed };
  const mode = plan.mode === 'multirun' ? 'MULTIRUN' : 'RUN';
  const overrides = record(base['overrides']);
  const hydraOverrides = (Array.isArray(overrides['hydra']) ? overrides['hydra'].map(String) : []).filter((o) => !o.startsWith('hydra.mode='));
  const jobNode = record(base['job']);
  const runtime = record(base['runtime']);
  const filled: Record<string, unknown> = {
    ...base,
    // The launch's own node is passed redacted already; a composed one is the job's.
    launcher: composed === undefined && launcherNode !== undefined ? launcherNode : redactRecord(base['launcher'] ?? buildLauncherNode(launcher)),
    mode,
    overrides: { hydra: [...hydraOverrides, `hydra.mode=${mode}`], task: [...job.overrides] },
    job: {
      ...jobNode,
      name: job.name,
      override_dirname: job.overrideDirname,
      id: job.id,
      num: job.num,
      env_set: redactEnvSet(record(jobNode['env_set'])),
    },
    runtime: { ...runtime, version: LAUNCH_VERSION, cwd: plan.cwd, output_dir: job.outputDir },
  };
  const hydra: Record<string, unknown> = {};
  for (const key of HYDRA_NODE_KEYS) hydra[key] = filled[key] ?? HYDRA_STUBS[key];
  return { hydra: hydra as HydraSnapshotNode, spectramind: { launch_id: plan.launchId, job: recordPayload(job.spec) } };
}

/** Values for keys a composition did not give (plain `createLauncher` jobs), as Hydra's defaults have them. Never changed. */
export const HYDRA_STUBS: Readonly<Record<string, unknown>> = {
  sweeper: { _target_: 'hydra._internal.core_plugins.basic_sweeper.BasicSweeper', max_batch_size: null, params: null },
  help: {},
  hydra_help: {},
  hydra_logging: {},
  job_logging: {},
  env: {},
  searchpath: [],
  callbacks: {},
  output_subdir: null,
  verbose: false,
};

/** The node of a job launched without a composition: the launch's output settings, laid out as Hydra's. */
function settingsNode(plan: LaunchPlanBase, job: PlannedJob, launcherNode: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const settings = plan.hydra;
  return {
    run: { dir: settings.run.dir },
    sweep: { dir: settings.sweep.dir, subdir: settings.sweep.subdir },
    launcher: launcherNode,
    output_subdir: settings.output_subdir,
    job: {
      name: job.name,
      chdir: settings.job.chdir,
      override_dirname: job.overrideDirname,
      id: job.id,
      num: job.num,
      config_name: null,
      env_set: { ...settings.job.env_set },
      env_copy: [...settings.job.env_copy],
      config: { override_dirname: { ...settings.job.override_dirname, exclude_keys: [...settings.job.override_dirname.exclude_keys] } },
    },
    runtime: { version: LAUNCH_VERSION, version_base: '1.3', cwd: plan.cwd, config_sources: [], output_dir: job.outputDir, choices: {} },
  };
}

/** What a job runs, as given (not the resolved argv): enough to launch it again from its folder. */
export function recordPayload(spec: JobSpec): SpectramindSnapshotNode['job'] {
  const extras = {
    ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
    ...(spec.env === undefined ? {} : { env: redactEnvSet(spec.env) }),
    ...(spec.timeout_min === undefined ? {} : { timeout_min: spec.timeout_min }),
    ...(spec.expected_duration_min === undefined ? {} : { expected_duration_min: spec.expected_duration_min }),
  };
  if ('command' in spec) return { kind: 'command', command: redactArgv(spec.command.map(String)), ...extras };
  if ('module' in spec) return { kind: 'module', module: spec.module, export: spec.export ?? 'default', ...extras };
  return { kind: 'function', ...extras };
}

/**
 * The launcher node of a job launched without a composition: `_target_` (the config's, else
 * `spectramind_launch.launchers.<name>`), `launcher: <name>`, then the validated config, secrets
 * redacted. (A launcher's own `name` field, e.g. slurm's job name, is kept.)
 */
export function buildLauncherNode(launcher: LauncherSnapshotInput): Record<string, unknown> {
  const config = redactRecord(launcher.config) as Record<string, unknown>;
  const target = typeof config['_target_'] === 'string' ? config['_target_'] : `spectramind_launch.launchers.${launcher.name}`;
  const node: Record<string, unknown> = { _target_: target, launcher: launcher.name };
  for (const [key, value] of Object.entries(config)) if (key !== '_target_' && key !== 'launcher') node[key] = value;
  return node;
}

/** `hydra.job.env_set` for a snapshot: values of secret-named variables become `<redacted>`. */
export function redactEnvSet(envSet: Readonly<Record<string, unknown>>): Record<string, string> {
  const strings = Object.fromEntries(Object.entries(envSet).map(([key, value]) => [key, String(value)]));
  const redacted = redactEnv(strings);
  return Object.fromEntries(Object.keys(strings).map((key) => [key, redacted[key] as string]));
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
