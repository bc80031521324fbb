import { loadSchema } from '../../schema/load-schema.js';
import type { LaunchPlan } from '../../run/launch-plan.js';
import type { LauncherDefinition } from '../launcher-definition.js';
import { computeLaunchDeadline } from './compute-launch-deadline.js';
import { createKaggleBackend } from './kaggle-backend.js';
import { finalizeKaggleConfig, translateKaggleInput, type KaggleLauncherConfig } from './kaggle-launcher-config.js';

/** Where the kaggle launcher learns about its session. */
export interface KaggleLauncherOptions {
  /** Reads the environment Kaggle detection looks at, once per `createLauncher`. @default () => process.env */
  readonly env?: () => Readonly<Record<string, string | undefined>>;
}

/**
 * Builds the kaggle launcher definition. The session's environment is injected so tests
 * can pretend to be on Kaggle; the built-in `kaggleLauncher` reads `process.env`.
 */
export function createKaggleLauncher(options: KaggleLauncherOptions = {}): LauncherDefinition<KaggleLauncherConfig> & {
  readonly outputRoot: (config: KaggleLauncherConfig) => string | null;
} {
  const readEnv = options.env ?? ((): NodeJS.ProcessEnv => process.env);
  return {
    name: 'kaggle',
    targets: [],
    schema: loadSchema('kaggle.json'),
    translate: translateKaggleInput,
    finalize: (validated) => finalizeKaggleConfig(validated, readEnv()),
    outputRoot: (config) => config.output_root,
    describePlan: describeKagglePlan,
    createBackend: createKaggleBackend,
  };
}

/** The kaggle launcher as the built-in registry holds it. */
export const kaggleLauncher = createKaggleLauncher();

/** What a dry run adds: the budget the jobs would run against, and whether their expected durations fit. Pure. */
function describeKagglePlan(plan: LaunchPlan, config: KaggleLauncherConfig): Record<string, unknown> {
  const expected = plan.jobs.map((job) => job.expectedDurationMs);
  const known = expected.filter((ms): ms is number => ms !== null);
  const budgetMin = computeLaunchDeadline(0, config).deadlineMs / 60_000;
  const expectedTotalMin = known.reduce((sum, ms) => sum + ms, 0) / 60_000;
  return {
    budget: {
      deadlineAfterMin: budgetMin,
      wallAfterMin: config.timeout_min,
      expectedTotalMin,
      jobsWithoutEstimate: expected.length - known.length,
      fits: expectedTotalMin <= budgetMin,
    },
    outputRoot: config.output_root,
    collect: config.collect,
  };
}
