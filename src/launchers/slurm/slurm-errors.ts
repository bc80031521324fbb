import { describeValue, LaunchError } from '../../errors.js';

/** A value that cannot be written safely into an sbatch script. */
export class SlurmScriptError extends LaunchError {
  readonly field: string;
  constructor(field: string, value: unknown, fix: string) {
    super('ERR_SLURM_SCRIPT_VALUE', `Cannot put ${field} ${describeValue(value)} into an sbatch script: ${fix}.`);
    this.field = field;
  }
}

/** A scheduler command (sbatch, sacct, squeue, scontrol, scancel) that failed for good. */
export class SlurmCommandError extends LaunchError {
  readonly command: readonly string[];
  readonly exitCode: number | null;
  readonly stderr: string;
  constructor(command: readonly string[], exitCode: number | null, stderr: string, attempts: number, options?: { cause?: unknown }) {
    const tried = attempts > 1 ? ` (tried ${attempts} times)` : '';
    const why = stderr.trim() === '' ? 'no error output' : stderr.trim();
    super(
      'ERR_SLURM_COMMAND',
      `SLURM command \`${command.join(' ')}\` failed with exit code ${String(exitCode)}${tried}: ${why}. ` +
        'Check that the cluster is up (sinfo) and that SLURM_CONF points at its slurm.conf.',
      options,
    );
    this.command = command;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** The SLURM client programs are not installed (or not on PATH). */
export class SlurmNotFoundError extends LaunchError {
  constructor(program: string, options?: { cause?: unknown }) {
    super(
      'ERR_SLURM_NOT_FOUND',
      `The SLURM client program ${JSON.stringify(program)} was not found on PATH. Install the SLURM client ` +
        '(Debian: apt-get install slurm-client) or run the launch on a login node of the cluster.',
      options,
    );
  }
}

/** A launch folder that `attachSlurmLaunch` cannot follow. */
export class SlurmAttachError extends LaunchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_SLURM_ATTACH', message, options);
  }
}
