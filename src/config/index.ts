// Public API of config composition. Re-exports only.
export { compose, resolveComposed } from './compose.js';
export type { ComposeOptions, Composed } from './compose.js';
export { createComposer } from './create-composer.js';
export type { Composer, ComposerComposeOptions, ComposerOptions } from './create-composer.js';
export { resolveConfig, resolveKey } from './resolve-config.js';
export type { ResolveOptions } from './resolve-config.js';
export { createResolverRegistry } from './resolver-registry.js';
export type { Resolver, ResolverContext, ResolverRegistry } from './resolver-registry.js';
export { createDirectoryConfigSource } from './directory-config-source.js';
export { createMemoryConfigSource } from './memory-config-source.js';
export type { MemoryConfig } from './memory-config-source.js';
export { layerConfigSources } from './config-source.js';
export type { ConfigSource, LoadedConfig } from './config-source.js';
export { parseConfigYaml } from './parse-config-yaml.js';
export type { ParsedConfigFile } from './parse-config-yaml.js';
export { createLauncherFromConfig } from './create-launcher-from-config.js';
export { launcherInputFromComposed } from './launcher-input.js';
export { loadConfigLaunchers, loadLauncherFromConfig } from './load-launcher-from-config.js';
export type { LoadLauncherFromConfigOptions } from './load-launcher-from-config.js';
export { launchFromConfig } from './launch-from-config.js';
export { readLaunch, readJob } from './read-launch.js';
export type { ReadJob, ReadLaunch } from './read-launch.js';
export { reproduce } from './reproduce.js';
export { resumeLaunch, ResumeRebuildError } from './resume-launch.js';
export type { ResumeLaunchOptions } from './resume-launch.js';
export type { ReproduceOptions } from './reproduce.js';
export type { JobFromConfig, JobTemplate, LaunchFromConfigOptions } from './launch-from-config.js';
export { composeLaunchJobs } from './compose-launch-jobs.js';
export type { ComposeLaunchOptions, ComposedJob, ComposedLaunch } from './compose-launch-jobs.js';
export type { ComposedLauncherInput, LauncherInputResult } from './launcher-input.js';
export { HYDRA_CONFIG, HYDRA_LAUNCHERS, HYDRA_SWEEPERS } from './hydra-defaults.js';
export { toPlainData } from './config-tree.js';
export type { ConfigNode, ConfigObject } from './config-tree.js';
export {
  ConfigCompositionError,
  ConfigYamlError,
  InterpolationError,
  MissingConfigError,
  MissingMandatoryValueError,
} from './config-errors.js';
export type { InterpolationFailure } from './config-errors.js';
