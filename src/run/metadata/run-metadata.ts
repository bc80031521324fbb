import type { GitMetadata } from './collect-git-metadata.js';

/** What `metadata.json` holds: facts about the launching process, collected once per launch. */
export interface RunMetadata {
  /** ISO 8601 time the launch started. */
  readonly startedAt: string;
  /** spectramind-launch's version. */
  readonly version: string;
  /** `process.version`, e.g. `v20.11.0`. */
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly hostname: string;
  readonly pid: number;
  /** The OS user name, or null when it cannot be read. */
  readonly user: string | null;
  readonly cwd: string;
  /** The launching command line (secret-looking values redacted). */
  readonly argv: readonly string[];
  readonly git: GitMetadata | null;
  /** The environment, secrets redacted by name (see `redactEnv`). */
  readonly env: Readonly<Record<string, string>>;
}
