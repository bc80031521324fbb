import type { Clock } from '../process/system-clock.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import type { BatchLaunchDescriptor, DescribedArray } from './render-batch-launch.js';

/** How arrays are submitted. */
export interface SubmitOptions {
  readonly commands: SchedulerCommands;
  readonly clock: Clock;
  /** At most this many submit calls per second. */
  readonly maxSubmitPerS: number;
  /** The launch's `array_parallelism`: arrays are chained when the launch has more jobs than this. */
  readonly parallelism: number;
  readonly signal: AbortSignal;
  /** Submit held: nothing starts until `release`, so job files can be written meanwhile. */
  readonly hold: boolean;
  /** Arrays not to submit (the scheduler refused their request). */
  readonly skip: ReadonlySet<number>;
  /** Called after each submit call with the descriptor so far (to persist it). */
  readonly onSubmitted: (descriptor: BatchLaunchDescriptor) => Promise<void>;
}

/**
 * Submits each array with one call, no faster than `maxSubmitPerS`. Chained mode (a backend
 * without a throttle, or a detached launch): when the launch has more jobs than `parallelism`,
 * each array waits for the previous one to end. Shared mode: no dependency, the caps do it.
 */
export async function submitArrays(descriptor: BatchLaunchDescriptor, options: SubmitOptions): Promise<BatchLaunchDescriptor> {
  const chain = descriptor.parallelismMode !== 'shared' && descriptor.jobs.length > options.parallelism;
  const gapMs = 1000 / options.maxSubmitPerS;
  let current: BatchLaunchDescriptor = { ...descriptor, state: 'submitting' };
  let lastSubmitAt = Number.NEGATIVE_INFINITY;
  let previous: string | null = null;
  for (const array of descriptor.arrays) {
    if (options.signal.aborted) break;
    if (options.skip.has(array.index)) continue;
    const wait = lastSubmitAt + gapMs - options.clock.now();
    if (wait > 0) await options.clock.sleep(wait, options.signal);
    lastSubmitAt = options.clock.now();
    const arrayJobId = await options.commands.submit(array.script, { hold: options.hold, after: chain ? previous : null });
    previous = arrayJobId;
    current = { ...current, arrays: current.arrays.map((a): DescribedArray => (a.index === array.index ? { ...a, arrayJobId } : a)) };
    await options.onSubmitted(current);
  }
  return options.signal.aborted ? current : { ...current, state: options.hold ? 'held' : 'submitted' };
}
