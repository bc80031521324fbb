import { arch, hostname, platform, userInfo } from 'node:os';
import { LAUNCH_VERSION } from '../launch-version.js';
import { collectGitMetadata } from './collect-git-metadata.js';
import type { CollectGitOptions } from './collect-git-metadata.js';
import { redactEnv } from './redact-env.js';
import { REDACTED, isSecretName, redactSecretText } from './redact-secrets.js';
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
  return {
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
  };
}

/**
 * Secret-looking argv loses its value: `--api-key=abc`, `--token abc`, and overrides such as
 * `wandb.api_key=abc` (judged by the key's last segment); every arg loses URL credentials.
 */
function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  let hideNext = false;
  for (const arg of argv) {
    if (hideNext && !arg.startsWith('-')) {
      out.push(REDACTED);
      hideNext = false;
      continue;
    }
    hideNext = false;
    const flag = /^--?([A-Za-z0-9_.-]+)(=)?/.exec(arg);
    if (flag?.[1] !== undefined && isSecretName(flag[1])) {
      if (flag[2] === '=') {
        out.push(`${flag[0]}${REDACTED}`);
        continue;
      }
      hideNext = true;
    }
    const override = /^[+~]{0,2}([A-Za-z0-9_.@/-]+)=/.exec(arg);
    const lastSegment = override?.[1]?.split('@')[0]?.split('.').pop();
    if (override !== null && lastSegment !== undefined && isSecretName(lastSegment)) {
      out.push(`${override[0]}${REDACTED}`);
      continue;
    }
    out.push(redactSecretText(arg));
  }
  return out;
}

function currentUser(env: Readonly<Record<string, string | undefined>>): string | null {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? null;
  }
}
