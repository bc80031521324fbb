import { describeValue, LaunchError } from '../errors.js';

/** What an error needs to know about the scheduler it speaks for. */
export interface SchedulerIdentity {
  readonly label: string;
  readonly commandHint: string;
  readonly installHint: string;
}

/** `SLURM` -> `ERR_SLURM_<what>`: each backend's errors keep their own stable codes. */
export function schedulerCode(scheduler: Pick<SchedulerIdentity, 'label'>, what: string): string {
  return `ERR_${scheduler.label.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${what}`;
}

/** A scheduler command (submit, query, cancel, release, requeue) that failed for good. */
export class SchedulerCommandError extends LaunchError {
  readonly command: readonly string[];
  readonly exitCode: number | null;
  readonly stderr: string;
  constructor(scheduler: SchedulerIdentity, command: readonly string[], exitCode: number | null, stderr: string, attempts: number, options?: { cause?: unknown }) {
    const tried = attempts > 1 ? ` (tried ${attempts} times)` : '';
    const why = stderr.trim() === '' ? 'no error output' : stderr.trim();
    super(schedulerCode(scheduler, 'COMMAND'), `${scheduler.label} command \`${command.join(' ')}\` failed with exit code ${String(exitCode)}${tried}: ${why}. ${scheduler.commandHint}`, options);
    this.command = command;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** The scheduler's client programs are not installed (or not on PATH). */
export class SchedulerNotFoundError extends LaunchError {
  constructor(scheduler: SchedulerIdentity, program: string, options?: { cause?: unknown }) {
    super(schedulerCode(scheduler, 'NOT_FOUND'), `The ${scheduler.label} client program ${JSON.stringify(program)} was not found on PATH. ${scheduler.installHint}`, options);
  }
}

/** A value that cannot be written safely into a batch script. */
export class BatchScriptError extends LaunchError {
  readonly field: string;
  constructor(field: string, value: unknown, fix: string, code = 'ERR_BATCH_SCRIPT_VALUE') {
    super(code, `Cannot put ${field} ${describeValue(value)} into a batch script: ${fix}.`);
    this.field = field;
  }
}

/** A launch folder that attach cannot follow. */
export class SchedulerAttachError extends LaunchError {
  constructor(scheduler: Pick<SchedulerIdentity, 'label'>, message: string, options?: { cause?: unknown }) {
    super(schedulerCode(scheduler, 'ATTACH'), message, options);
  }
}
