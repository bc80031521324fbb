import { arch, hostname, platform, userInfo } from 'node:os';
import { LAUNCH_VERSION } from '../launch-version.js';
import { collectGitMetadata } from './collect-git-metadata.js';
import type { CollectGitOptions } from './collect-git-metadata.js';
import { redactArgv, redactEnv, redactRecord } from '../redact/redact-record.js';
import type { RunMetadata } from './run-metadata.js';

export interface CollectRunMetadataInput {
  readonly cwd: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The launch's start. @default new Date() */
  readonly now?: Date;
  /** Options for the single git call. @default {} */
  readonly git?: CollectGitOptions;
}

/**
 * Collects a launch's metadata once (one git call): git state, Node version, platform, host,
 * user, argv and the redacted environment. Never throws: unknown facts become null.
 */
export async function collectRunMetadata(input: CollectRunMetadataInput): Promise<RunMetadata> {
  const git = await collectGitMetadata(input.cwd, input.git);
  // Argv and env by their own rules, then the whole record once more (a git remote with a token in it).
  return redactRecord({
    startedAt: (input.now ?? new Date()).toISOString(),
    version: LAUNCH_VERSION,
    node: process.version,
    platform: platform(),
    arch: arch(),
    hostname: hostname(),
    pid: process.pid,
    user: currentUser(input.env),
    cwd: input.cwd,
    argv: redactArgv(input.argv),
    git,
    env: redactEnv(input.env),
  });
}

function currentUser(env: Readonly<Record<string, string | undefined>>): string | null {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? null;
  }
}
