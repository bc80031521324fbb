import type { LaunchPlan, PlannedJob } from '../launch-plan.js';
import { LAUNCH_VERSION } from '../launch-version.js';
import { redactEnv, redactRecord } from '../redact/redact-record.js';

/** The launcher as resolved for this launch: its registered name and its validated config. */
export interface LauncherSnapshotInput {
  readonly name: string;
  readonly config: object;
}

/** The `hydra` node of `hydra.yaml`, laid out (and ordered) as Hydra 1.3 writes it. */
export interface HydraSnapshotNode {
  readonly run: { readonly dir: string };
  readonly sweep: { readonly dir: string; readonly subdir: string };
  /** The launcher's name, then its config (secret-named fields redacted). */
  readonly launcher: Readonly<Record<string, unknown>>;
  readonly mode: 'RUN' | 'MULTIRUN';
  readonly output_subdir: string | null;
  readonly overrides: { readonly task: readonly string[] };
  readonly job: {
    readonly name: string;
    readonly chdir: boolean;
    readonly override_dirname: string;
    readonly id: string;
    readonly num: number;
    readonly env_set: Readonly<Record<string, string>>;
    readonly env_copy: readonly string[];
    readonly config: {
      readonly override_dirname: {
        readonly kv_sep: string;
        readonly item_sep: string;
        readonly exclude_keys: readonly string[];
      };
    };
  };
  readonly runtime: { readonly version: string; readonly cwd: string; readonly output_dir: string };
}

/** What `hydra.yaml` holds: one top-level `hydra:` key, as in Hydra's file. */
export interface HydraSnapshot {
  readonly hydra: HydraSnapshotNode;
}

/**
 * Builds the `hydra.yaml` content for one job: the output settings as configured (path templates
 * kept, as Hydra keeps them), the launcher, and the runtime facts (`job.num`, `job.id`,
 * `override_dirname`, `runtime.output_dir` = the folder actually used). Secrets are redacted.
 */
export function buildHydraNode(plan: LaunchPlan, job: PlannedJob, launcher: LauncherSnapshotInput): HydraSnapshot {
  const settings = plan.hydra;
  const dirnameOptions = settings.job.override_dirname;
  return {
    hydra: {
      run: { dir: settings.run.dir },
      sweep: { dir: settings.sweep.dir, subdir: settings.sweep.subdir },
      launcher: buildLauncherNode(launcher),
      mode: plan.mode === 'multirun' ? 'MULTIRUN' : 'RUN',
      output_subdir: settings.output_subdir,
      overrides: { task: [...job.overrides] },
      job: {
        name: job.name,
        chdir: settings.job.chdir,
        override_dirname: job.overrideDirname,
        id: job.id,
        num: job.num,
        env_set: redactEnvSet(settings.job.env_set),
        env_copy: [...settings.job.env_copy],
        config: {
          override_dirname: {
            kv_sep: dirnameOptions.kv_sep,
            item_sep: dirnameOptions.item_sep,
            exclude_keys: [...dirnameOptions.exclude_keys],
          },
        },
      },
      runtime: { version: LAUNCH_VERSION, cwd: plan.cwd, output_dir: job.outputDir },
    },
  };
}

/** `{ name, ...config }` with secrets redacted; the name comes first and wins over a `name` field. */
export function buildLauncherNode(launcher: LauncherSnapshotInput): Record<string, unknown> {
  const config = redactRecord(launcher.config) as Record<string, unknown>;
  return { name: launcher.name, ...config, ...(Object.hasOwn(config, 'name') ? { name: launcher.name } : {}) };
}

/** `hydra.job.env_set` for a snapshot: values of secret-named variables become `<redacted>`. */
export function redactEnvSet(envSet: Readonly<Record<string, string>>): Record<string, string> {
  const redacted = redactEnv(envSet);
  return Object.fromEntries(Object.keys(envSet).map((key) => [key, redacted[key] as string]));
}
