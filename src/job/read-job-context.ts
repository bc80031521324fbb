import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { LaunchError } from '../errors.js';
import type { ProcessEnvLike } from '../platform-types.js';

/** What a launched job knows about itself, read from the variables its launcher set. */
export interface JobContext {
  /** False when the process was not started by spectramind-launch (then the fields are defaults). */
  readonly launched: boolean;
  readonly launchId: string | null;
  readonly num: number;
  readonly id: string | null;
  readonly name: string | null;
  /** The job's output folder (`hydra.runtime.output_dir`); the process cwd when not launched. */
  readonly outputDir: string;
  readonly overrides: readonly string[];
  readonly config: Record<string, unknown>;
}

/**
 * Reads the job's context from its environment: `SPECTRAMIND_RUN_DIR`, `SPECTRAMIND_JOB_NUM`,
 * `SPECTRAMIND_CONFIG` (the `.hydra/config.yaml` snapshot) and friends.
 */
export function readJobContext(env: ProcessEnvLike = process.env): JobContext {
  const launched = env.SPECTRAMIND_JOB_ID !== undefined;
  return {
    launched,
    launchId: env.SPECTRAMIND_LAUNCH_ID ?? null,
    num: Number(env.SPECTRAMIND_JOB_NUM ?? 0),
    id: env.SPECTRAMIND_JOB_ID ?? null,
    name: env.SPECTRAMIND_JOB_NAME ?? null,
    outputDir: env.SPECTRAMIND_RUN_DIR ?? process.cwd(),
    overrides: parseJson<string[]>(env.SPECTRAMIND_OVERRIDES, 'SPECTRAMIND_OVERRIDES') ?? [],
    config: readJobConfig(env),
  };
}

/** The job's composed config (`{}` when the process was not launched by spectramind-launch). */
export function readJobConfig(env: ProcessEnvLike = process.env): Record<string, unknown> {
  if (env.SPECTRAMIND_CONFIG) {
    let text: string;
    try {
      text = readFileSync(env.SPECTRAMIND_CONFIG, 'utf8');
    } catch (error) {
      throw new LaunchError('ERR_JOB_CONFIG', `Cannot read the job config at SPECTRAMIND_CONFIG=${JSON.stringify(env.SPECTRAMIND_CONFIG)}: ${(error as Error).message}`, { cause: error });
    }
    return (parse(text) as Record<string, unknown> | null) ?? {};
  }
  return parseJson<Record<string, unknown>>(env.SPECTRAMIND_CONFIG_JSON, 'SPECTRAMIND_CONFIG_JSON') ?? {};
}

function parseJson<T>(text: string | undefined, name: string): T | null {
  if (text === undefined || text === '') return null;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new LaunchError('ERR_JOB_CONFIG', `${name} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
