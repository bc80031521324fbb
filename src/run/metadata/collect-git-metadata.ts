import { runCommand } from '../../process/run-command.js';

/** Where the launched code came from. */
export interface GitMetadata {
  /** Full hash of HEAD, or null in a repository without commits. */
  readonly commit: string | null;
  /** The checked-out branch, or null when HEAD is detached. */
  readonly branch: string | null;
  /** True when tracked files differ from HEAD (untracked files do not count: run folders often are). */
  readonly dirty: boolean;
}

export interface CollectGitOptions {
  /** Give up (and report null) after this long. @default 5000 */
  readonly timeoutMs?: number;
  /** The git executable. @default 'git' */
  readonly git?: string;
}

/**
 * Commit, branch and dirty flag of the repository holding `cwd`, from one
 * `git status --porcelain=v2 --branch` (argv, never a shell; optional locks off so it never
 * competes for `index.lock`). Resolves null outside a repository, without git, or after the timeout.
 */
export async function collectGitMetadata(cwd: string, options: CollectGitOptions = {}): Promise<GitMetadata | null> {
  const args = ['status', '--porcelain=v2', '--branch', '--untracked-files=no', '--ignore-submodules=dirty'];
  const env = Object.fromEntries(Object.entries({ ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' }).filter((e): e is [string, string] => e[1] !== undefined));
  const result = await runCommand([options.git ?? 'git', ...args], env, { cwd, timeoutMs: options.timeoutMs ?? 5000 });
  return result.spawnError !== null || result.exitCode !== 0 ? null : parseGitStatus(result.stdout);
}

/** Reads `git status --porcelain=v2 --branch` output (pure; exported for tests). */
export function parseGitStatus(text: string): GitMetadata | null {
  let commit: string | null = null;
  let branch: string | null = null;
  let sawHeader = false;
  let dirty = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('# branch.oid ')) {
      sawHeader = true;
      const oid = line.slice('# branch.oid '.length).trim();
      commit = oid === '(initial)' ? null : oid;
    } else if (line.startsWith('# branch.head ')) {
      const head = line.slice('# branch.head '.length).trim();
      branch = head === '(detached)' ? null : head;
    } else if (line !== '' && !line.startsWith('#')) {
      dirty = true;
    }
  }
  return sawHeader ? { commit, branch, dirty } : null;
}
