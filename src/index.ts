// Public API: re-exports only. Internals stay reachable through these names, nothing else.
export { createLauncher } from './launchers/typed-create-launcher.js';
export type { CreateLauncher, DynamicLauncherInput } from './launchers/typed-create-launcher.js';
export type { CreateLauncherOptions, LauncherConfigInput } from './launchers/create-launcher.js';
export type { BasicLauncherInput, BuiltinLauncherName, KaggleLauncherInput, Launcher, LauncherConfigs, LauncherInput, LocalLauncherInput } from './launchers/launcher-types.js';
export type { LauncherSchemaInputs } from './launchers/launcher-schema-types.js';
export type { LaunchOptions } from './launchers/launch-options.js';
export { LaunchHandle } from './launchers/launch-handle.js';
export type { DryRunResult, JobRecord, LaunchResult, UnreachedJobs } from './run/launch-result.js';
export type { JobsInput, LazyJobs } from './run/job-source.js';
export { JobHandle } from './launchers/job-handle.js';
export type { JobLogOptions } from './launchers/job-handle.js';
export type { JobAccess, JobState } from './launchers/job-table.js';
export type { LaunchPlan, PlannedJob } from './run/launch-plan.js';
export type {
  JobEnded,
  JobOutputLine,
  JobQueued,
  JobRef,
  JobStarted,
  JobStateChanged,
  InFlightState,
  ProcessGroupRecord,
  LaunchEnded,
  LaunchEvent,
  LaunchEventMap,
  LaunchStarted,
} from './run/launch-events.js';
export type { ExecutionContext, LauncherBackend, LauncherCommonConfig, LauncherDefinition, RunJobOptions } from './launchers/launcher-definition.js';
// Plug-in launchers named by a config's `_target_` (a file or package, `#` and the export).
export { loadLauncher, LauncherLoadError } from './launchers/load-launcher.js';
export type { LoadLauncherOptions } from './launchers/load-launcher.js';
export { isModuleTarget, parseModuleTarget } from './modules/import-module-target.js';
export type { ModuleTarget } from './modules/import-module-target.js';
export type { Clock } from './process/system-clock.js';
export type { BasicLauncherConfig } from './launchers/basic/basic-launcher.js';
export type { LocalLauncherConfig } from './launchers/local/local-launcher.js';
export type { CommandJobSpec, ConfigTree, FunctionJobContext, FunctionJobSpec, JobPayload, JobSpec, ModuleJobSpec } from './job/job-spec.js';
export { JOB_STATUSES } from './job/job-outcome.js';
export type { JobErrorInfo, JobOutcome, JobStatus, StatusCounts, TaskResult } from './job/job-outcome.js';
export type { HydraSettings, HydraSettingsInput, RunMode } from './run/hydra-settings.js';
export { ConfigError, JobSpecError, LaunchError, LaunchFailedError, UnknownLauncherError } from './errors.js';
export { LaunchLockedError } from './run/launch-lock.js';
export type { LockOwner } from './run/launch-lock.js';
export { OrphanedJobsError } from './run/find-orphaned-jobs.js';
export type { OrphanedJob, Orphans } from './run/find-orphaned-jobs.js';
export { TemplateError } from './run/template-error.js';
export { RunDirError } from './run/run-dir-error.js';
export { EventLogClosedError, EventLogWriteError } from './run/event-log.js';
export { parseEventLog, readEventLog, readEventLogSync } from './run/read-event-log.js';
export type { EventLogContents, SkippedLine, SkippedLineReason } from './run/read-event-log.js';
export { OutputPathError } from './run/output-path-error.js';
export { redactEnv, redactRecord } from './run/redact/redact-record.js';
export { redactText } from './run/redact/redact-text.js';
export { REDACTED } from './run/redact/secret-patterns.js';
export type { RunMetadata } from './run/metadata/run-metadata.js';
export type { ConfigViolation } from './errors.js';

// The override grammar and the sweeper (Hydra 1.3 semantics).
export {
  OverrideParseError,
  OverrideValueError,
  parseOverride,
  parseOverrides,
  renderOverride,
  renderValue,
  toConfigValue,
  IntegralFloat,
  formatHydraValue,
  formatPythonFloat,
  escapeSpecialCharacters,
  quoteString,
  dictKeyText,
} from './overrides/index.js';
export type {
  BoolElement,
  ChoiceSweep,
  ConfigValue,
  DictElement,
  DictKey,
  ElementValue,
  FloatElement,
  GlobSweep,
  IntElement,
  IntervalSweep,
  ItemValue,
  ListElement,
  NullElement,
  NumberElement,
  Override,
  OverrideKind,
  OverrideValue,
  ParseOptions,
  RangeSweep,
  StringElement,
  SweepValue,
} from './overrides/index.js';
export { expandSweep, countSweepJobs, SweepError, seededRandom, filterGlob, sweepJobs } from './sweep/index.js';
export { keyElementOf } from './overrides/key-element-of.js';
export type { ExpandSweepOptions, SweepExpansion, SweeperParamValue, SweepJobs } from './sweep/index.js';

// Config folders composed as Hydra 1.3 composes them, and the launcher they select.
export {
  compose,
  resolveComposed,
  createComposer,
  resolveConfig,
  resolveKey,
  createResolverRegistry,
  createDirectoryConfigSource,
  createMemoryConfigSource,
  layerConfigSources,
  parseConfigYaml,
  createLauncherFromConfig,
  loadLauncherFromConfig,
  loadConfigLaunchers,
  launchFromConfig,
  readLaunch,
  readJob,
  reproduce,
  resumeLaunch,
  ResumeRebuildError,
  composeLaunchJobs,
  launcherInputFromComposed,
  toPlainData,
  HYDRA_CONFIG,
  HYDRA_LAUNCHERS,
  HYDRA_SWEEPERS,
  ConfigCompositionError,
  ConfigYamlError,
  InterpolationError,
  MissingConfigError,
  MissingMandatoryValueError,
} from './config/index.js';
export type {
  ComposeOptions,
  Composed,
  Composer,
  ComposerComposeOptions,
  ComposerOptions,
  ResolveOptions,
  Resolver,
  ResolverContext,
  ResolverRegistry,
  ConfigSource,
  LoadedConfig,
  MemoryConfig,
  ParsedConfigFile,
  ComposedLauncherInput,
  JobFromConfig,
  JobTemplate,
  LaunchFromConfigOptions,
  ReadJob,
  ReadLaunch,
  ReproduceOptions,
  ResumeLaunchOptions,
  ComposeLaunchOptions,
  ComposedJob,
  ComposedLaunch,
  LauncherInputResult,
  ConfigNode,
  ConfigObject,
  InterpolationFailure,
} from './config/index.js';

// The SLURM launcher: job arrays on a real cluster, requeue, detach and attach.
export { slurmLauncher, defineSlurmLauncher, describeSlurmPlan, SUBMITIT_SLURM_TARGET } from './launchers/slurm/slurm-launcher.js';
export { attachSlurmLaunch } from './launchers/slurm/attach-slurm-launch.js';
export type { AttachOptions, AttachedJob } from './launchers/slurm/attach-slurm-launch.js';
export type { SlurmLauncherConfig, SlurmLauncherInput, SlurmSignal } from './launchers/slurm/slurm-config.js';
export { createSlurmCommands } from './launchers/slurm/create-slurm-commands.js';
export type { SlurmCommandsOptions } from './launchers/slurm/create-slurm-commands.js';
export type { SchedulerCommands, TaskRef } from './scheduler/scheduler-commands.js';
// The scheduler core every batch launcher shares: a backend fills these hooks (see docs/scheduler.md).
export type { SchedulerBackend, StateSource, CallScheduler, ArrayScriptInput } from './scheduler/scheduler-backend.js';
export type { SchedulerRecord } from './scheduler/scheduler-record.js';
export type { SchedulerStateKind } from './scheduler/scheduler-state.js';
export type { BatchLauncherConfig } from './scheduler/batch-launcher-config.js';
export { createBatchBackend } from './scheduler/run-batch-launch.js';
export type { BatchLaunchOptions } from './scheduler/run-batch-launch.js';
export { createSchedulerCommands } from './scheduler/create-scheduler-commands.js';
export type { SchedulerCommandsOptions } from './scheduler/create-scheduler-commands.js';
export { describeBatchPlan } from './scheduler/describe-batch-plan.js';
export { attachBatchLaunch } from './scheduler/attach-batch-launch.js';
export type { AttachBackend } from './scheduler/attach-batch-launch.js';
export { SchedulerCommandError, SchedulerNotFoundError, SchedulerAttachError, BatchScriptError } from './scheduler/scheduler-errors.js';
export { quoteShellWord } from './scheduler/shell-quote.js';
export { renderJobRunLines } from './scheduler/render-job-run-lines.js';
export { slurmScheduler } from './launchers/slurm/slurm-scheduler.js';
export { SlurmCommandError, SlurmNotFoundError, SlurmScriptError, SlurmAttachError } from './launchers/slurm/slurm-errors.js';
export { renderSbatchScript } from './launchers/slurm/render-sbatch-script.js';
export type { SbatchScriptSpec } from './launchers/slurm/render-sbatch-script.js';

// The Kaggle launcher: sequential, time-boxed, artifacts collected before the wall.
export { createKaggleLauncher, kaggleLauncher } from './launchers/kaggle/kaggle-launcher.js';
export type { KaggleLauncherOptions } from './launchers/kaggle/kaggle-launcher.js';
export type { KaggleLauncherConfig } from './launchers/kaggle/kaggle-launcher-config.js';
export type { KaggleSummary } from './launchers/kaggle/build-kaggle-summary.js';
export { KaggleSweepTooLargeError } from './launchers/kaggle/kaggle-errors.js';
export { detectKaggle } from './launchers/kaggle/detect-kaggle.js';
export { basicLauncher } from './launchers/basic/basic-launcher.js';
export { localLauncher } from './launchers/local/local-launcher.js';

// The sweep report: one self-contained HTML page of a launch folder.
export { writeReport } from './report/write-report.js';
export type { WriteReportOptions, WrittenReport } from './report/write-report.js';
export type { ReportMetric } from './report/summarise-sweep.js';
export { ReportError } from './report/report-error.js';

// Hydra-style callbacks: hooks around runs, sweeps and jobs, loaded by _target_ or passed in code.
export { loadCallbacks, callbacksFromHydraNode } from './callbacks/load-callbacks.js';
export type { LoadCallbacksOptions } from './callbacks/load-callbacks.js';
export { CALLBACK_HOOKS } from './callbacks/callback.js';
export type { Callback, CallbackConfig, CallbackHook, CallbackHooks, CallbackInput, CallbackLaunch, JobEndPayload, JobStartPayload, LaunchEndPayload, LaunchStartPayload } from './callbacks/callback.js';
export { CallbackError, CallbackLoadError } from './callbacks/callback-error.js';
