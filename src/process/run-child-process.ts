import { createWriteStream, openSync, closeSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import spawn from 'cross-spawn';
import { killProcessGroup } from './kill-process-group.js';

/** Everything needed to run one child process to its end. */
export interface ChildProcessSpec {
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The complete environment of the child. */
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutFile: string;
  readonly stderrFile: string;
  /** When set, output goes through pipes and each line is reported (and still written to the files). */
  readonly onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  readonly timeoutMs: number | null;
  /** Time between SIGTERM and SIGKILL. */
  readonly killGraceMs: number;
  /** Stops the child (SIGTERM to its group, then SIGKILL). */
  readonly signal: AbortSignal;
  readonly onSpawn?: (pid: number) => void;
}

/** How a child ended, from the runner's point of view. */
export type ChildExit =
  | { readonly kind: 'exited'; readonly exitCode: number }
  | { readonly kind: 'signaled'; readonly signal: string }
  | { readonly kind: 'spawn-failed'; readonly error: Error }
  | { readonly kind: 'timed-out'; readonly signal: string | null }
  | { readonly kind: 'stopped'; readonly reason: unknown; readonly signal: string | null };

/**
 * Spawns argv (never through a shell) in its own process group, with stdout/stderr written
 * to files, and resolves when it ends. Time-outs and aborts escalate SIGTERM -> SIGKILL on the
 * whole group; once the main process is gone, stragglers of a stopped group are killed at once.
 */
export function runChildProcess(spec: ChildProcessSpec): Promise<ChildExit> {
  return new Promise((resolve) => {
    const [file, ...args] = spec.argv;
    if (file === undefined) {
      resolve({ kind: 'spawn-failed', error: new Error('empty command: a job needs at least a program name') });
      return;
    }
    const streaming = spec.onLine !== undefined;
    let stdoutFd: number | null = null;
    let stderrFd: number | null = null;
    let fileStreams: WriteStream[] = [];
    try {
      if (streaming) {
        fileStreams = [createWriteStream(spec.stdoutFile, { flags: 'a' }), createWriteStream(spec.stderrFile, { flags: 'a' })];
      } else {
        stdoutFd = openSync(spec.stdoutFile, 'a');
        stderrFd = openSync(spec.stderrFile, 'a');
      }
    } catch (error) {
      resolve({ kind: 'spawn-failed', error: error as Error });
      return;
    }
    const closeFds = (): void => {
      if (stdoutFd !== null) closeSync(stdoutFd);
      if (stderrFd !== null) closeSync(stderrFd);
      stdoutFd = stderrFd = null;
    };

    let stop: { kind: 'timed-out' } | { kind: 'stopped'; reason: unknown } | null = null;
    let graceTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const child = spawn(file, args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', streaming ? 'pipe' : stdoutFd, streaming ? 'pipe' : stderrFd],
    });

    const requestStop = (reason: typeof stop): void => {
      if (stop !== null || child.pid === undefined) return;
      stop = reason;
      killProcessGroup(child.pid, 'SIGTERM');
      graceTimer = setTimeout(() => child.pid !== undefined && killProcessGroup(child.pid, 'SIGKILL'), spec.killGraceMs);
    };
    const onAbort = (): void => requestStop({ kind: 'stopped', reason: spec.signal.reason });
    const timeoutTimer = spec.timeoutMs === null ? undefined : setTimeout(() => requestStop({ kind: 'timed-out' }), spec.timeoutMs);

    const finish = (exit: ChildExit): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(graceTimer);
      spec.signal.removeEventListener('abort', onAbort);
      closeFds();
      Promise.all(fileStreams.map((s) => new Promise((done) => s.end(done)))).then(() => resolve(exit), () => resolve(exit));
    };

    if (streaming && spec.onLine) {
      const onLine = spec.onLine;
      const pipe = (source: Readable | null, sink: WriteStream | undefined, name: 'stdout' | 'stderr'): void => {
        if (!source || !sink) return;
        source.pipe(sink, { end: false });
        createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => onLine(name, line));
      };
      pipe(child.stdout, fileStreams[0], 'stdout');
      pipe(child.stderr, fileStreams[1], 'stderr');
    }

    child.once('error', (error) => finish({ kind: 'spawn-failed', error }));
    child.once('spawn', () => {
      if (child.pid !== undefined) spec.onSpawn?.(child.pid);
      if (spec.signal.aborted) onAbort();
    });
    spec.signal.addEventListener('abort', onAbort, { once: true });
    // 'close' waits for piped output to drain; with plain fds 'exit' is the end.
    child.once(streaming ? 'close' : 'exit', (code: number | null, signal: NodeJS.Signals | null) => {
      if (stop !== null && child.pid !== undefined) killProcessGroup(child.pid, 'SIGKILL');
      const stopped: ChildExit | null =
        stop === null ? null : stop.kind === 'timed-out' ? { kind: 'timed-out', signal } : { kind: 'stopped', reason: stop.reason, signal };
      if (stopped !== null) finish(stopped);
      else if (signal !== null) finish({ kind: 'signaled', signal });
      else finish({ kind: 'exited', exitCode: code ?? 0 });
    });
  });
}
