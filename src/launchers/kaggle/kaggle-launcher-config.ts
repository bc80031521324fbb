import { isAbsolute } from 'node:path';
import { ConfigError, type ConfigViolation } from '../../errors.js';
import type { LauncherCommonConfig } from '../launcher-definition.js';
import { defaultOutputRoot } from './detect-kaggle.js';

/** The kaggle launcher's resolved config (schemas/kaggle.json). */
export interface KaggleLauncherConfig extends LauncherCommonConfig {
  readonly launcher: 'kaggle';
  /** The session's hard wall in minutes from the launch start. @default 540 */
  readonly timeout_min: number;
  /** Minutes after which no job runs (the deadline); also read from `runtime.max_duration_min`. @default 520 */
  readonly max_duration_min: number;
  /** @default 30 */
  readonly kill_grace_s: number;
  /** @default false */
  readonly fail_fast: boolean;
  /** Base of relative run/sweep folders and destination of artifacts; null: the launch cwd. @default '/kaggle/working' on Kaggle, else null */
  readonly output_root: string | null;
  /** Job environment, the Kaggle tags included. @default { KAGGLE: 'true', KAGGLE_GPU: '1' } */
  readonly env: Readonly<Record<string, string | number | boolean>>;
  /** @default 8 */
  readonly max_sweep_jobs: number;
  /** Cap of each stdout.log / stderr.log in MiB; null: none. @default 10 */
  readonly max_log_mb: number | null;
  /** Files or globs copied from the jobs' output folders into the output root at the end. @default [] */
  readonly collect: readonly string[];
  /** Always 1. @default 1 */
  readonly max_parallel_jobs: 1;
}

/** The tags every job of a kaggle launch sees, unless `env` sets them otherwise. */
export const KAGGLE_ENV_TAGS: Readonly<Record<string, string>> = { KAGGLE: 'true', KAGGLE_GPU: '1' };

const SUBJECT = 'kaggle launcher config';

/**
 * Runs before the schema: folds the seed's `runtime.max_duration_min` into
 * `max_duration_min`, and turns the mistakes the schema can only call wrong into messages
 * that say why (parallel jobs, a relative output root, collect patterns that could never match). Pure.
 */
export function translateKaggleInput(input: Record<string, unknown>): Record<string, unknown> {
  const violations: ConfigViolation[] = [];
  const { runtime, ...rest } = input;
  let fields: Record<string, unknown> = rest;
  if (runtime !== undefined && runtime !== null && typeof runtime === 'object' && !Array.isArray(runtime)) {
    const { max_duration_min: fromRuntime, ...otherRuntime } = runtime as Record<string, unknown>;
    if (fromRuntime !== undefined && fields.max_duration_min !== undefined && fields.max_duration_min !== fromRuntime) {
      violations.push({
        path: '/runtime/max_duration_min',
        value: fromRuntime,
        message: `disagrees with max_duration_min (${String(fields.max_duration_min)}); they are the same setting, so give only one of them`,
      });
    }
    if (fromRuntime !== undefined && fields.max_duration_min === undefined) fields = { ...fields, max_duration_min: fromRuntime };
    if (Object.keys(otherRuntime).length > 0) fields = { ...fields, runtime: otherRuntime };
  } else if (runtime !== undefined) {
    fields = { ...fields, runtime };
  }
  const parallel = fields.max_parallel_jobs;
  if (typeof parallel === 'number' && parallel > 1) {
    violations.push({
      path: '/max_parallel_jobs',
      value: parallel,
      message: 'must be 1: a Kaggle session has one GPU, so the kaggle launcher runs jobs one after another. Remove the field, or use the local or slurm launcher to run jobs in parallel',
    });
  }
  if (typeof fields.output_root === 'string' && fields.output_root !== '' && !isAbsolute(fields.output_root)) {
    violations.push({
      path: '/output_root',
      value: fields.output_root,
      message: 'must be an absolute path (e.g. /kaggle/working): a relative root would move with the folder the launch starts from',
    });
  }
  if (Array.isArray(fields.collect)) {
    fields.collect.forEach((pattern: unknown, index) => {
      if (typeof pattern === 'string' && (pattern.startsWith('/') || pattern.split('/').includes('..'))) {
        violations.push({
          path: `/collect/${index}`,
          value: pattern,
          message: "must be relative to a job's output folder (no leading / and no ..); e.g. \"submission.csv\" or \"**/*.ckpt\"",
        });
      }
    });
  }
  if (violations.length > 0) throw new ConfigError(SUBJECT, violations);
  return fields;
}

/**
 * Runs after the schema: adds the Kaggle tags under the user's `env` and picks the output
 * root from the session's environment (passed in, never read here). Pure.
 */
export function finalizeKaggleConfig(validated: KaggleLauncherConfig, env: Readonly<Record<string, string | undefined>>): KaggleLauncherConfig {
  return {
    ...validated,
    env: { ...KAGGLE_ENV_TAGS, ...validated.env },
    output_root: validated.output_root ?? defaultOutputRoot(env),
  };
}
