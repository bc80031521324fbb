import { LaunchError } from '../errors.js';

/** A command line the CLI cannot act on (unknown flag, missing argument); exits with the usage code. */
export class CliUsageError extends LaunchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_CLI_USAGE', message, options);
  }
}

/** A task the project's primary config does not declare; lists the ones it does. */
export class UnknownTaskError extends LaunchError {
  constructor(
    readonly task: string,
    readonly known: readonly string[],
    readonly suggestions: readonly string[],
  ) {
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : '';
    const list = known.length > 0 ? `Known tasks: ${known.join(', ')}.` : 'The primary config declares no tasks: add a `tasks:` map (see docs/cli.md).';
    super('ERR_UNKNOWN_TASK', `Unknown task '${task}'.${hint} ${list}`);
  }
}

/** A `tasks:` entry that is neither a command (argv list) nor a module job. */
export class TaskDefinitionError extends LaunchError {
  constructor(message: string) {
    super('ERR_TASK_DEFINITION', message);
  }
}
