import { resolve } from 'node:path';
import { resumeLaunch } from '../config/resume-launch.js';
import { CliUsageError } from './cli-errors.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import { followLaunch } from './follow-launch.js';
import { formatDryRun } from './format-dry-run.js';
import type { CliFlags } from './parse-cli-args.js';
import { readCliInvocation } from './read-cli-invocation.js';
import type { CliInvocation } from './read-cli-invocation.js';
import { runTaskCommand } from './run-task-command.js';
import { showPath } from './show-path.js';

/**
 * `spectramind resume <dir>`: re-runs the command line that made the folder, into the same
 * folder, where the launch skips every job its events.jsonl records as completed. A folder whose
 * line cannot be replayed (made from code, or with secrets on the line) resumes from its
 * recorded snapshots alone (`resumeLaunch`).
 */
export async function resumeCommand(dir: string, flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const absolute = resolve(io.cwd, dir);
  let invocation: CliInvocation;
  try {
    invocation = readCliInvocation(absolute);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    return resumeFromRecord(dir, absolute, flags, io);
  }
  const { command, cwd } = invocation;
  const shown = { ...command, flags: { ...command.flags, quiet: flags.quiet, verbose: flags.verbose, dryRun: flags.dryRun } };
  if (!flags.quiet) io.stderr.write(`Resuming ${dir}: spectramind ${[...command.task, ...(command.flags.multirun ? ['-m'] : []), ...command.overrides].join(' ')} (in ${cwd})\n`);
  return runTaskCommand(shown, { ...io, cwd }, absolute);
}

async function resumeFromRecord(dir: string, absolute: string, flags: CliFlags, io: CliIo): Promise<ExitCode> {
  if (flags.dryRun) {
    io.stdout.write(formatDryRun(resumeLaunch(absolute, { cwd: io.cwd, dryRun: true }), (p) => showPath(p, io.cwd)));
    return EXIT.ok;
  }
  if (!flags.quiet) io.stderr.write(`Resuming ${dir} from its recorded jobs and launcher\n`);
  const handle = resumeLaunch(absolute, { cwd: io.cwd, streamOutput: !flags.quiet && flags.verbose });
  return followLaunch(handle, io, { label: 'resume', quiet: flags.quiet, showJobOutput: !flags.quiet && flags.verbose });
}
