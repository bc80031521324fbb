import { createRequire } from 'node:module';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import { formatCliError } from './format-cli-error.js';
import { helpText } from './help-text.js';
import { parseCliArgs } from './parse-cli-args.js';
import { reportCommand } from './report-command.js';
import { reproduceCommand } from './reproduce-command.js';
import { resumeCommand } from './resume-command.js';
import { runTaskCommand } from './run-task-command.js';

/** The package version, read once from the package.json two levels up (src/cli and dist/cli alike). */
function packageVersion(): string {
  const manifest = createRequire(import.meta.url)('../../package.json') as { version?: string };
  return manifest.version ?? '0.0.0';
}

/** Runs one command line and returns its exit code; every error becomes a message, never a throw. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    const command = parseCliArgs(argv);
    switch (command.kind) {
      case 'help':
        io.stdout.write(helpText(packageVersion()));
        return EXIT.ok;
      case 'version':
        io.stdout.write(`${packageVersion()}\n`);
        return EXIT.ok;
      case 'task':
        return await runTaskCommand(command, io);
      case 'resume':
        return await resumeCommand(command.dir, command.flags, io);
      case 'report':
        return await reportCommand(command.dir, io);
      case 'reproduce':
        return await reproduceCommand(command.dir, command.flags, io);
    }
  } catch (error) {
    const shown = formatCliError(error, verbose);
    io.stderr.write(shown.text);
    return shown.exitCode;
  }
}
