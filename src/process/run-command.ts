import { killProcessGroup } from './kill-process-group.js';
import { spawnProcess } from './spawn-process.js';

/** What one finished program run gave back. `spawnError` is set when it could not start. */
export interface CommandRunResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly spawnError: (Error & { readonly code?: string }) | null;
}

/** Where and how long a command may run. */
export interface CommandRunOptions {
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Kill it (its whole group, SIGKILL) after this long; the result then has `exitCode: null`. @default null (no limit) */
  readonly timeoutMs?: number | null;
}

/** Runs a program (argv, never a shell) and collects its output. Injectable for tests. */
export type CommandRunner = (argv: readonly string[], env: Readonly<Record<string, string>>, options?: CommandRunOptions) => Promise<CommandRunResult>;

/**
 * The real runner for short commands (scheduler CLIs, git): the shared spawn, stdin closed,
 * output collected, its own process group so a time-out leaves nothing behind. Never rejects.
 */
export const runCommand: CommandRunner = (argv, env, options = {}) =>
  new Promise((resolve) => {
    const started = spawnProcess(argv, { env, cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (!started.ok) {
      resolve({ exitCode: null, stdout: '', stderr: '', spawnError: started.error as NodeJS.ErrnoException });
      return;
    }
    const { child } = started;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    let spawnError: NodeJS.ErrnoException | null = null;
    const timer = options.timeoutMs == null ? undefined : setTimeout(() => child.pid !== undefined && killProcessGroup(child.pid, 'SIGKILL'), options.timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), spawnError });
    });
  });
