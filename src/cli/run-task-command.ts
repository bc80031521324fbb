import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import { findTask } from './find-task.js';
import { followLaunch } from './follow-launch.js';
import { formatDryRun } from './format-dry-run.js';
import type { CliCommand } from './parse-cli-args.js';
import { prepareTaskLaunch } from './prepare-task-launch.js';
import { composeForDisplay, renderCfg, renderInfo } from './print-config.js';
import { showPath } from './show-path.js';
import { suggestOverrideKey } from './suggest-override-key.js';
import { dirname, resolve } from 'node:path';

type TaskCommand = Extract<CliCommand, { kind: 'task' }>;

/**
 * `spectramind <task> [overrides]`: print the config (--cfg / --info), the plan (--dry-run),
 * or launch the task and follow it. `resume` is set by `spectramind resume <dir>`.
 */
export async function runTaskCommand(cmd: TaskCommand, io: CliIo, resume?: string): Promise<ExitCode> {
  try {
    return await runTask(cmd, io, resume);
  } catch (error) {
    throw suggestOverrideKey(error, cmd.flags, cmd.overrides, io.cwd);
  }
}

async function runTask(cmd: TaskCommand, io: CliIo, resume: string | undefined): Promise<ExitCode> {
  const { flags } = cmd;
  if (flags.cfg !== null || flags.info !== null) {
    const shown = composeForDisplay(flags, cmd.overrides, io.cwd);
    findTask(shown.composed.config['tasks'], cmd.task, dirname(resolve(io.cwd, flags.configDir)));
    if (flags.info !== null) io.stdout.write(renderInfo(shown.composer, shown.composed, shown.overrides, flags, flags.info));
    if (flags.cfg !== null) io.stdout.write(renderCfg(shown.composed, flags.cfg, flags.resolve));
    return EXIT.ok;
  }
  const prepared = await prepareTaskLaunch({ ...flags, task: cmd.task, overrides: cmd.overrides, cwd: io.cwd });
  const options = { cwd: io.cwd, ...(resume === undefined ? {} : { resume }) };
  if (flags.dryRun) {
    io.stdout.write(formatDryRun(prepared.launch({ ...options, dryRun: true }), (p) => showPath(p, io.cwd)));
    return EXIT.ok;
  }
  // One job's output goes to the terminal as it would without a launcher; a sweep's stays in its files.
  const streamOutput = !flags.quiet && (!flags.multirun || flags.verbose);
  const handle = prepared.launch({ ...options, streamOutput });
  return followLaunch(handle, io, { label: prepared.task.name, quiet: flags.quiet, showJobOutput: streamOutput });
}
