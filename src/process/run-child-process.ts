import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { killProcessGroup } from './kill-process-group.js';
import { layerEnv } from './layer-env.js';
import { PROCESS_MARK_ENV, readProcessStart } from './process-mark.js';
import { spawnProcess } from './spawn-process.js';
import { createLineSplitter } from './split-lines.js';
import { listenForStop, type Stop } from './stop-switch.js';
import { isRunning, stopMarkedProcesses, stopProcesses } from './stop-processes.js';
import { systemClock, type Clock } from './system-clock.js';

/** Everything needed to run one child process to its end. */
export interface ChildProcessSpec {
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The complete environment of the child. */
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutFile: string;
  readonly stderrFile: string;
  /**
   * The two files already open for appending (opened ahead, off the launching thread): used
   * instead of opening them here, and owned from now on (closed once the child holds its copies).
   */
  readonly openedLogs?: { readonly stdout: number; readonly stderr: number };
  /** When set, output goes through pipes and each line (long ones in bounded pieces) is reported; the files still get it all. */
  readonly onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  readonly timeoutMs: number | null;
  /** Time between SIGTERM and SIGKILL. */
  readonly killGraceMs: number;
  /** Stops the child (SIGTERM to its group, then SIGKILL): the launch's stop. */
  readonly signal: Stop;
  /**
   * The job's own stops, heard like `signal` (its handle's cancel, a backend's guardrail):
   * heard apart, which costs the launching thread less than a signal combined per job.
   */
  readonly jobSignals?: readonly Stop[];
  /** Set in the child's environment as SPECTRAMIND_PROCESS_MARK: processes that leave the group are found by it. null: no mark. */
  readonly mark?: string | null;
  /** Called once the child runs, with its pid (= its process group) and its start time in ticks since boot. */
  readonly onSpawn?: (pid: number, startTicks: number | null) => void;
  /** Times the time-out and the kill grace. @default the system clock */
  readonly clock?: Clock;
}

/** How a child ended, from the runner's point of view. */
export type ChildExit =
  | { readonly kind: 'exited'; readonly exitCode: number }
  | { readonly kind: 'signaled'; readonly signal: string }
  | { readonly kind: 'spawn-failed'; readonly error: Error }
  | { readonly kind: 'timed-out'; readonly signal: string | null }
  | { readonly kind: 'stopped'; readonly reason: unknown; readonly signal: string | null };

type StopRequest = { readonly kind: 'timed-out' } | { readonly kind: 'stopped'; readonly reason: unknown };

/**
 * Spawns argv (never through a shell) in its own process group, with stdout/stderr written to
 * files, and resolves when it and its whole group are gone. Time-outs and aborts escalate
 * SIGTERM -> SIGKILL on the group, then stop every marked process that left it (setsid,
 * `detached: true`). Processes a job leaves behind in its group after a normal exit are stopped too.
 * Never rejects: a program that cannot start is a `spawn-failed` exit.
 */
export async function runChildProcess(spec: ChildProcessSpec): Promise<ChildExit> {
  const clock = spec.clock ?? systemClock;
  const streaming = spec.onLine !== undefined;
  let fds: [number, number] | null = null;
  let sinks: [WriteStream, WriteStream] | null = null;
  if (spec.openedLogs !== undefined) {
    fds = [spec.openedLogs.stdout, spec.openedLogs.stderr];
  } else {
    try {
      // Opened synchronously in both modes, so a missing folder or a full disk is this job's failure, here.
      fds = [openSync(spec.stdoutFile, 'a'), -1];
      fds[1] = openSync(spec.stderrFile, 'a');
    } catch (error) {
      closeAll(fds, null);
      return { kind: 'spawn-failed', error: error as Error };
    }
  }
  if (streaming) {
    // A log write that fails (a full disk) loses log lines, never the launch.
    sinks = [createWriteStream('', { fd: fds[0] }).on('error', () => undefined), createWriteStream('', { fd: fds[1] }).on('error', () => undefined)];
    fds = null;
  }
  // A caller that already put the mark in env saves a layer per job.
  const env = spec.mark === undefined || spec.mark === null || spec.env[PROCESS_MARK_ENV] === spec.mark ? spec.env : layerEnv(spec.env, { [PROCESS_MARK_ENV]: spec.mark });
  const started = spawnProcess(spec.argv, { cwd: spec.cwd, env, detached: true, stdio: ['ignore', fds?.[0] ?? 'pipe', fds?.[1] ?? 'pipe'] });
  if (!started.ok) {
    closeAll(fds, sinks);
    await endStreams(sinks);
    return { kind: 'spawn-failed', error: started.error };
  }
  const child = started.child;
  // The child holds its own copies. Closed in place: closing a file with nothing pending costs
  // less than handing the call to the thread pool (measured: two wake-ups per job).
  if (fds !== null) closeAll(fds, null);

  // Made only when a timer starts: most jobs have neither a time limit nor a stop, and an
  // AbortController aborted per job was a visible cost on the launching thread.
  let timers: AbortController | null = null;
  const timerSignal = (): AbortSignal => (timers ??= new AbortController()).signal;
  let stop: StopRequest | null = null;
  const requestStop = (request: StopRequest): void => {
    if (stop !== null || child.pid === undefined) return;
    stop = request;
    const pid = child.pid;
    killProcessGroup(pid, 'SIGTERM');
    clock.sleep(spec.killGraceMs, timerSignal()).then(() => killProcessGroup(pid, 'SIGKILL'), () => undefined);
  };
  const signals = [spec.signal, ...(spec.jobSignals ?? [])];
  const onAbort = (): void => {
    const aborted = signals.find((signal) => signal.aborted);
    if (aborted !== undefined) requestStop({ kind: 'stopped', reason: aborted.reason });
  };
  if (spec.timeoutMs !== null) clock.sleep(spec.timeoutMs, timerSignal()).then(() => requestStop({ kind: 'timed-out' }), () => undefined);

  if (streaming && spec.onLine !== undefined && sinks !== null) {
    const onLine = spec.onLine;
    const pipe = (source: Readable | null, sink: WriteStream, name: 'stdout' | 'stderr'): void => {
      if (source === null) return;
      source.pipe(sink, { end: false });
      const splitter = createLineSplitter((line) => onLine(name, line));
      source.setEncoding('utf8');
      source.on('data', (chunk: string) => splitter.push(chunk));
      source.on('end', () => splitter.end());
    };
    pipe(child.stdout, sinks[0], 'stdout');
    pipe(child.stderr, sinks[1], 'stderr');
  }

  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: Error }>((resolve) => {
    child.once('error', (error) => resolve({ error }));
    // 'close' waits for piped output to drain; with plain fds 'exit' is the end.
    child.once(streaming ? 'close' : 'exit', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal }));
  });
  child.once('spawn', () => {
    if (child.pid !== undefined) spec.onSpawn?.(child.pid, readProcessStart(child.pid));
    onAbort();
  });
  const forget = signals.map((signal) => listenForStop(signal, onAbort));

  const end = await ended;
  for (const forgetOne of forget) forgetOne();
  // A reason of our own: abort() without one builds a DOMException (with its stack).
  (timers as AbortController | null)?.abort('ended');
  const pid = child.pid;
  if (pid !== undefined) {
    // Whatever the job left in its group goes now: at once after a stop, politely after a normal exit.
    if (stop !== null) killProcessGroup(pid, 'SIGKILL');
    else if (isRunning(-pid)) await stopProcesses([-pid], spec.killGraceMs, clock);
    if (stop !== null && spec.mark !== undefined && spec.mark !== null) await stopMarkedProcesses({ exact: spec.mark }, spec.killGraceMs, clock);
  }
  await endStreams(sinks);
  if ('error' in end) return { kind: 'spawn-failed', error: end.error };
  const request = stop as StopRequest | null;
  if (request !== null) return request.kind === 'timed-out' ? { kind: 'timed-out', signal: end.signal } : { kind: 'stopped', reason: request.reason, signal: end.signal };
  if (end.signal !== null) return { kind: 'signaled', signal: end.signal };
  return { kind: 'exited', exitCode: end.code ?? 0 };
}

function closeAll(fds: [number, number] | null, sinks: [WriteStream, WriteStream] | null): void {
  for (const fd of (fds ?? []).filter((fd) => fd >= 0)) {
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
  }
  for (const sink of sinks ?? []) sink.destroy();
}

async function endStreams(sinks: [WriteStream, WriteStream] | null): Promise<void> {
  if (sinks === null) return;
  await Promise.all(sinks.map((sink) => (sink.destroyed ? undefined : new Promise<void>((done) => sink.end(() => done())))));
}
