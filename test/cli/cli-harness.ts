import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export const REPO = join(import.meta.dirname, '..', '..');
export const CLI = join(REPO, 'dist', 'cli', 'main.js');
const EXAMPLE = join(REPO, 'examples', 'spectramind');

/** A fresh copy of examples/spectramind per call (in `base`, default the OS temp folder), removed after the test. */
export function useProjectCopies(): (base?: string) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    if (process.env.SPECTRAMIND_TEST_KEEP === '1') return;
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (base = tmpdir()) => {
    const dir = await mkdtemp(join(base, 'spectramind-cli-'));
    await cp(EXAMPLE, dir, { recursive: true });
    made.push(dir);
    return dir;
  };
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment for a CLI child: no colour forcing from the outer shell unless a test sets it. */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!('FORCE_COLOR' in extra)) delete env.FORCE_COLOR;
  if (!('NO_COLOR' in extra)) delete env.NO_COLOR;
  return env;
}

/** Runs `spectramind <args>` in `cwd` with pipes (not a terminal), as CI would. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Why `script` (util-linux) cannot give us a pseudo-terminal here, or null when it can. */
export function ptyUnavailable(): string | null {
  const probe = spawnSync('script', ['-qfec', 'test -t 1 && test -t 2', '/dev/null'], { encoding: 'utf8', timeout: 10_000, stdio: ['pipe', 'pipe', 'pipe'] });
  if (probe.error !== undefined) return `'script' (util-linux) could not run: ${probe.error.message}`;
  if (probe.status !== 0) return `'script' ran but gave no terminal (exit ${String(probe.status)}): ${probe.stderr.trim()}`;
  return null;
}

/** The folders directly under `dir` that are job folders (numbers), sorted by number. */
export function jobNumbers(names: readonly string[]): number[] {
  return names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
}
