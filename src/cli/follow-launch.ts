import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LaunchHandle } from '../launchers/launch-handle.js';
import type { JobRecord, LaunchResult } from '../run/launch-result.js';
import { killProcessGroup } from '../process/kill-process-group.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import { formatSummary } from './format-summary.js';
import { createProgressDisplay } from './progress-display.js';
import { shellWord, showPath } from './show-path.js';
import { createPaint, useColor } from './use-color.js';

export interface FollowOptions {
  readonly label: string;
  readonly quiet: boolean;
  /** Echo job output lines (the launch was started with streamOutput). */
  readonly showJobOutput: boolean;
}

/**
 * Shows a launch to a person: live progress (or plain lines), Ctrl-C handling, the summary.
 * First Ctrl-C cancels through the launch (jobs get SIGTERM, everything is recorded); a
 * second kills the running jobs' process groups at once and leaves.
 */
export async function followLaunch(handle: LaunchHandle, io: CliIo, options: FollowOptions): Promise<ExitCode> {
  const startedAt = Date.now();
  const paint = createPaint(useColor(io.env, io.stderr.isTTY === true));
  const display = createProgressDisplay({
    stream: io.stderr,
    output: io.stdout,
    live: io.stderr.isTTY === true,
    quiet: options.quiet,
    showJobOutput: options.showJobOutput,
    paint,
    label: options.label,
  });
  display.follow(handle);
  const running = new Map<number, number>();
  let dir: string | null = null;
  handle.on('launch:start', (e) => (dir = e.dir));
  handle.on('job:start', (e) => e.pid !== null && running.set(e.job.num, e.pid));
  handle.on('job:end', (e) => running.delete(e.job.num));

  let interrupts = 0;
  const unsubscribe = io.onSignal((signal) => {
    interrupts++;
    if (interrupts === 1) {
      display.note(paint('yellow', `${signal}: cancelling the launch (running jobs get SIGTERM). Press Ctrl-C again to kill them at once.`));
      handle.cancel(`received ${signal}`);
      return;
    }
    for (const pid of running.values()) killProcessGroup(pid, 'SIGKILL');
    display.stop();
    io.stderr.write(`Killed ${running.size} running job${running.size === 1 ? '' : 's'}.\n`);
    if (dir !== null) io.stderr.write(resumeHint(dir, io.cwd));
    io.exit(EXIT.cancelled);
  });

  let result: LaunchResult;
  try {
    result = await handle;
  } finally {
    unsubscribe();
    display.stop();
  }
  const text = formatSummary(result, {
    paint: createPaint(useColor(io.env, io.stdout.isTTY === true)),
    showPath: (path) => showPath(path, io.cwd),
    logPathOf,
    durationMs: Date.now() - startedAt,
  });
  if (!options.quiet || !result.ok) io.stdout.write(`${options.quiet ? text.split('\n').slice(1).join('\n').trimStart() : text}\n`);
  if (result.cancelled) {
    io.stderr.write(resumeHint(result.dir, io.cwd));
    return EXIT.cancelled;
  }
  return result.ok ? EXIT.ok : EXIT.jobsFailed;
}

/** The lines that tell a person where the partial launch is and how to finish it. */
export function resumeHint(dir: string, cwd: string): string {
  return `Cancelled: the partial launch is in ${showPath(dir, cwd)}\nFinish what is left with:\n  spectramind resume ${shellWord(showPath(dir, cwd))}\n`;
}

/** The log a person should open for a job that did not complete: stderr when it has anything. */
function logPathOf(job: JobRecord): string {
  const stderr = join(job.job.outputDir, 'stderr.log');
  if (existsSync(stderr) && statSync(stderr).size > 0) return stderr;
  const stdout = join(job.job.outputDir, 'stdout.log');
  return existsSync(stdout) ? stdout : job.job.outputDir;
}
