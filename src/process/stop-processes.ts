import { readFileSync } from 'node:fs';
import type { Clock } from './system-clock.js';
import { findMarkedProcesses, type MarkQuery } from './process-mark.js';

/** True while a process (or, for a negative id, a process group) exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  // "Gone" is the common answer (asked once per job end): its error needs no stack trace.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (pid < 0) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state !== 'Z' && state !== 'X';
  } catch {
    // No /proc (or it just went): kill(0) said it exists.
    return true;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

const POLL_MS = 50;

/**
 * Stops processes the way a job is stopped: SIGTERM to each (a negative id is a process group),
 * then SIGKILL to whatever is still there after `graceMs`. Resolves once all are gone or killed.
 */
export async function stopProcesses(pids: readonly number[], graceMs: number, clock: Clock): Promise<void> {
  let alive = pids.filter(isRunning);
  if (alive.length === 0) return;
  for (const pid of alive) signal(pid, 'SIGTERM');
  const deadline = clock.now() + graceMs;
  while (alive.length > 0 && clock.now() < deadline) {
    await clock.sleep(Math.min(POLL_MS, Math.max(1, deadline - clock.now())));
    alive = alive.filter(isRunning);
  }
  for (const pid of alive) signal(pid, 'SIGKILL');
}

/**
 * Finds and stops every process carrying a mark (those that escaped the group kill with setsid or
 * `detached: true`), each with its own group. Returns the pids it found.
 */
export async function stopMarkedProcesses(query: MarkQuery, graceMs: number, clock: Clock): Promise<number[]> {
  const found = await findMarkedProcesses(query);
  if (found.length > 0) await stopProcesses(found.flatMap((pid) => [pid, -pid]), graceMs, clock);
  return found;
}
