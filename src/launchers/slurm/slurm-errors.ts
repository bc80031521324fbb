import { BatchScriptError, SchedulerAttachError, SchedulerCommandError, SchedulerNotFoundError } from '../../scheduler/scheduler-errors.js';

/** Who the slurm backend's errors speak for. */
export const SLURM_IDENTITY = {
  label: 'SLURM',
  commandHint: 'Check that the cluster is up (sinfo) and that SLURM_CONF points at its slurm.conf.',
  installHint: 'Install the SLURM client (Debian: apt-get install slurm-client) or run the launch on a login node of the cluster.',
} as const;

/** A value that cannot be written safely into an sbatch script. */
export class SlurmScriptError extends BatchScriptError {
  constructor(field: string, value: unknown, fix: string) {
    super(field, value, fix, 'ERR_SLURM_SCRIPT_VALUE');
  }
}

/** A SLURM command (sbatch, sacct, squeue, scontrol, scancel) that failed for good. */
export class SlurmCommandError extends SchedulerCommandError {
  constructor(command: readonly string[], exitCode: number | null, stderr: string, attempts: number, options?: { cause?: unknown }) {
    super(SLURM_IDENTITY, command, exitCode, stderr, attempts, options);
  }
}

/** The SLURM client programs are not installed (or not on PATH). */
export class SlurmNotFoundError extends SchedulerNotFoundError {
  constructor(program: string, options?: { cause?: unknown }) {
    super(SLURM_IDENTITY, program, options);
  }
}

/** A launch folder that `attachSlurmLaunch` cannot follow. */
export class SlurmAttachError extends SchedulerAttachError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(SLURM_IDENTITY, message, options);
  }
}
