import type { Clock } from '../launcher-definition.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import type { DescribedArray, SlurmLaunchDescriptor } from './slurm-launch-files.js';

/** How arrays are submitted. */
export interface SubmitOptions {
  readonly commands: SchedulerCommands;
  readonly clock: Clock;
  /** At most this many sbatch calls per second. */
  readonly maxSubmitPerS: number;
  /** The launch's `array_parallelism`: arrays are chained when the launch has more jobs than this. */
  readonly parallelism: number;
  readonly signal: AbortSignal;
  /** Submit held (`--hold`): nothing starts until `release`, so job files can be written meanwhile. */
  readonly hold: boolean;
  /** Called after each sbatch with the descriptor so far (to persist it). */
  readonly onSubmitted: (descriptor: SlurmLaunchDescriptor) => Promise<void>;
}

/**
 * Submits each array with one sbatch call, no faster than `maxSubmitPerS`. When the launch has
 * more jobs than `parallelism`, each array waits for the previous one (`--dependency=afterany`),
 * so `%parallelism` bounds the whole launch, not each array.
 */
export async function submitArrays(descriptor: SlurmLaunchDescriptor, options: SubmitOptions): Promise<SlurmLaunchDescriptor> {
  const total = descriptor.jobs.length;
  const chain = total > options.parallelism;
  const gapMs = 1000 / options.maxSubmitPerS;
  let current: SlurmLaunchDescriptor = { ...descriptor, state: 'submitting' };
  let lastSubmitAt = Number.NEGATIVE_INFINITY;
  let previous: string | null = null;
  for (const array of descriptor.arrays) {
    if (options.signal.aborted) break;
    const wait = lastSubmitAt + gapMs - options.clock.now();
    if (wait > 0) await options.clock.sleep(wait, options.signal);
    const extra = [...(options.hold ? ['--hold'] : []), ...(chain && previous !== null ? [`--dependency=afterany:${previous}`] : [])];
    lastSubmitAt = options.clock.now();
    const arrayJobId = await options.commands.submit(array.script, extra);
    previous = arrayJobId;
    current = { ...current, arrays: current.arrays.map((a): DescribedArray => (a.index === array.index ? { ...a, arrayJobId } : a)) };
    await options.onSubmitted(current);
  }
  return options.signal.aborted ? current : { ...current, state: options.hold ? 'held' : 'submitted' };
}
