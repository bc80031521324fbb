import type { JobsInput } from '../run/job-source.js';
import type { HydraSettings, HydraSettingsInput } from '../run/hydra-settings.js';
import type { DryRunResult } from '../run/launch-result.js';
import type { BasicLauncherConfig } from './basic/basic-launcher.js';
import type { KaggleLauncherConfig } from './kaggle/kaggle-launcher-config.js';
import type { LaunchHandle } from './launch-handle.js';
import type { LaunchOptions } from './launch-options.js';
import type { LauncherSchemaDefaults, LauncherSchemaInputs } from './launcher-schema-types.js';
import type { LocalLauncherConfig } from './local/local-launcher.js';
import type { SlurmLauncherConfig } from './slurm/slurm-config.js';

/** Each built-in launcher's resolved config (schema defaults applied), by name. */
export interface LauncherConfigs {
  readonly basic: BasicLauncherConfig;
  readonly local: LocalLauncherConfig;
  readonly slurm: SlurmLauncherConfig;
  readonly kaggle: KaggleLauncherConfig;
}

export type BuiltinLauncherName = keyof LauncherConfigs;

/** What `createLauncher` takes for a built-in launcher: its schema's fields (derived from schemas/<name>.json) and `hydra`. */
export type LauncherInput<Name extends BuiltinLauncherName> = LauncherSchemaInputs[Name] & {
  readonly hydra?: HydraSettingsInput | undefined;
};
export type BasicLauncherInput = LauncherInput<'basic'>;
export type LocalLauncherInput = LauncherInput<'local'>;
export type KaggleLauncherInput = LauncherInput<'kaggle'>;

/** A configured launcher; `Config` is the resolved config of the launcher it runs. */
export interface Launcher<Config extends object = Readonly<Record<string, unknown>>> {
  readonly name: string;
  /** The launcher's resolved config: schema defaults applied. */
  readonly config: Config;
  readonly hydra: HydraSettings;
  /**
   * Runs jobs: an array (planned whole before the first starts) or a lazy source, e.g.
   * `sweepJobs(expandSweep(overrides), factory)` or any (async) iterable of jobs, planned as reached.
   * With `dryRun`: plans without running (folders, commands and env).
   */
  launch(jobs: JobsInput, options: LaunchOptions & { readonly dryRun: true }): DryRunResult;
  launch(jobs: JobsInput, options?: LaunchOptions & { readonly dryRun?: false | undefined }): LaunchHandle;
  /** `dryRun` known only at run time: either result. */
  launch(jobs: JobsInput, options: LaunchOptions): LaunchHandle | DryRunResult;
}

// The resolved config types are written by hand (they say what finalize() fills); these checks
// tie them to the schemas: a resolved config must be a valid input, name only schema fields,
// and have every field the schema gives a default. A schema change that breaks one fails the type-check.
type Assert<T extends true> = T;
type ValidInput<Name extends BuiltinLauncherName> = LauncherConfigs[Name] extends LauncherSchemaInputs[Name] ? true : false;
type OnlySchemaFields<Name extends BuiltinLauncherName> = [Exclude<keyof LauncherConfigs[Name], keyof LauncherSchemaInputs[Name]>] extends [never] ? true : false;
type DefaultsFilled<Name extends BuiltinLauncherName> = [Exclude<LauncherSchemaDefaults[Name], RequiredKeys<LauncherConfigs[Name]>>] extends [never] ? true : false;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type MatchesSchema<Name extends BuiltinLauncherName> = ValidInput<Name> extends true ? (OnlySchemaFields<Name> extends true ? DefaultsFilled<Name> : false) : false;
export type ResolvedConfigsMatchSchemas = [
  Assert<MatchesSchema<'basic'>>,
  Assert<MatchesSchema<'local'>>,
  Assert<MatchesSchema<'slurm'>>,
  Assert<MatchesSchema<'kaggle'>>,
];
