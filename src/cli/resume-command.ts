import { resolve } from 'node:path';
import type { CliIo } from './cli-io.js';
import type { ExitCode } from './exit-codes.js';
import type { CliFlags } from './parse-cli-args.js';
import { readCliInvocation } from './read-cli-invocation.js';
import { runTaskCommand } from './run-task-command.js';

/**
 * `spectramind resume <dir>`: re-runs the command line that made the folder, into the same
 * folder, where the launch skips every job its events.jsonl records as completed.
 */
export async function resumeCommand(dir: string, flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const absolute = resolve(io.cwd, dir);
  const { command, cwd } = readCliInvocation(absolute);
  const shown = { ...command, flags: { ...command.flags, quiet: flags.quiet, verbose: flags.verbose, dryRun: flags.dryRun } };
  if (!flags.quiet) io.stderr.write(`Resuming ${dir}: spectramind ${[...command.task, ...(command.flags.multirun ? ['-m'] : []), ...command.overrides].join(' ')} (in ${cwd})\n`);
  return runTaskCommand(shown, { ...io, cwd }, absolute);
}
