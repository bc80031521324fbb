import { createSchedulerCommands, type SchedulerCommandsOptions } from '../../scheduler/create-scheduler-commands.js';
import type { SchedulerCommands } from '../../scheduler/scheduler-commands.js';
import { slurmScheduler } from './slurm-scheduler.js';

/** How the real SLURM commands run. Every field is optional. */
export interface SlurmCommandsOptions extends Omit<SchedulerCommandsOptions, 'sources'> {
  /**
   * Where task states come from: `squeue` (the controller, `squeue -t all`: it holds finished
   * tasks until MinJobAge), `sacct` (accounting), or `auto`: the controller, then sacct for the
   * tasks it has forgotten, and sacct for all of them while the controller cannot be reached.
   * @default 'auto'
   */
  readonly accounting?: 'auto' | 'sacct' | 'squeue';
}

/** Builds the real scheduler commands: SLURM's client programs, spawned with argv and retried when busy. */
export function createSlurmCommands(options: SlurmCommandsOptions = {}): SchedulerCommands {
  const { accounting = 'auto', ...rest } = options;
  return createSchedulerCommands(slurmScheduler, accounting === 'auto' ? rest : { ...rest, sources: [accounting] });
}
