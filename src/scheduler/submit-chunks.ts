import type { PlannedJob } from '../run/launch-plan.js';
import type { Clock } from '../process/system-clock.js';
import type { ArrayBatch } from './chunk-into-arrays.js';
import type { ArrayRenderer, BatchLaunchDescriptor, DescribedArray, RenderedArray } from './render-batch-launch.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import type { ParallelismSharer } from './share-parallelism.js';
import { taskTimeLimitCalls } from './task-time-limit-calls.js';

/** One array submitted (held) with its jobs' files written: ready to be released. */
export interface SubmittedArray {
  readonly arrayJobId: string;
  readonly rendered: RenderedArray;
  readonly jobs: readonly PlannedJob[];
}

export interface ChunkSubmitterOptions {
  readonly renderer: ArrayRenderer;
  /** The launch's arrays, read as they are needed. */
  readonly batches: AsyncIterator<ArrayBatch<PlannedJob>>;
  readonly commands: SchedulerCommands;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** At most this many submit calls per second. */
  readonly maxSubmitPerS: number;
  readonly parallelism: number;
  /** Chained mode: each array waits for the previous one (when it is still in the queue). */
  readonly chain: boolean;
  /** Shared mode: the budget the caps come from; null in chained mode. */
  readonly sharer: ParallelismSharer | null;
  /** Writes an array's script (before it is probed and submitted). */
  writeScript(rendered: RenderedArray): Promise<void>;
  /** Job folders, snapshots and job files of an array, written while it is probed and submitted held (never released before they are written). */
  prepare(array: Omit<SubmittedArray, 'arrayJobId'>): Promise<void>;
  /** The scheduler said it can never run this array's request: its jobs fail now. */
  refuse(jobs: readonly PlannedJob[], verdict: string): void;
  /** launch.json after each submit, so a crash leaves the ids of what is in the queue. */
  persist(descriptor: BatchLaunchDescriptor): Promise<void>;
}

/** Submits a launch's arrays as its source is read, a window at a time (see {@link createChunkSubmitter}). */
export interface ChunkSubmitter {
  /** Reads and submits arrays until `room` tasks went in or the source ended; `live`: array ids still in the queue. */
  fill(room: number, live: ReadonlySet<string>): Promise<SubmittedArray[]>;
  /** True once the source ended (or the launch was cancelled): nothing more will be submitted. */
  readonly done: boolean;
  /** launch.json as it stands: every array so far, with its id once submitted. */
  readonly descriptor: BatchLaunchDescriptor;
  /** Ids of every array submitted so far (to cancel the launch). */
  submittedIds(): string[];
}

/**
 * The chunked submit flow: for each array read, render and write its script, start writing its
 * jobs' folders and files, probe its request the first time it is seen (an impossible one fails its
 * jobs without submitting), submit it held, no faster than `maxSubmitPerS`, chained after the
 * previous array while that one is queued, give its shorter tasks their own time limits while it
 * is held, and return it once its files are written. Holds only the arrays of the current fill.
 */
export function createChunkSubmitter(initial: BatchLaunchDescriptor, options: ChunkSubmitterOptions): ChunkSubmitter {
  const gapMs = 1000 / options.maxSubmitPerS;
  const verdicts = new Map<string, string | null>();
  const ids: string[] = [];
  let arrays: DescribedArray[] = [];
  let descriptor: BatchLaunchDescriptor = { ...initial, state: 'submitting', arrays };
  let index = 0;
  let done = false;
  let lastSubmitAt = Number.NEGATIVE_INFINITY;
  let previous: string | null = null;
  let liveIds: ReadonlySet<string> = new Set();

  const verdictKey = (array: DescribedArray) => `${array.timeMin}\u0000${array.jobName}`;
  const verdictOf = async (array: DescribedArray): Promise<string | null> => {
    if (options.commands.probe === undefined) return null;
    const key = verdictKey(array);
    if (!verdicts.has(key)) verdicts.set(key, await options.commands.probe(array.script));
    return verdicts.get(key) ?? null;
  };
  /** Probes and submits one array held; null when the scheduler refused its request (listed in launch.json with no id). */
  const submitHeld = async (rendered: RenderedArray, cap: number, count: number, submitted: readonly SubmittedArray[]): Promise<string | null> => {
    if ((await verdictOf(rendered.array)) !== null) {
      // listed with no id: launch.json keeps one entry per array index (attach looks arrays up by it)
      arrays = [...arrays, rendered.array];
      descriptor = { ...descriptor, arrays };
      await options.persist(descriptor);
      return null;
    }
    const wait = lastSubmitAt + gapMs - options.clock.now();
    if (wait > 0) await options.clock.sleep(wait, options.signal);
    lastSubmitAt = options.clock.now();
    const after = options.chain && previous !== null && (liveIds.has(previous) || submitted.some((s) => s.arrayJobId === previous)) ? previous : null;
    const arrayJobId = await options.commands.submit(rendered.array.script, { hold: true, after });
    previous = arrayJobId;
    ids.push(arrayJobId);
    await setTaskTimeLimits(options.commands, arrayJobId, rendered.array);
    options.sharer?.add(arrayJobId, cap, count);
    arrays = [...arrays, { ...rendered.array, arrayJobId }];
    // held until the caller releases the fill: a launcher that dies now leaves launch.json saying so (attach refuses it)
    descriptor = { ...descriptor, arrays, state: 'held' };
    await options.persist(descriptor);
    return arrayJobId;
  };

  return {
    get done() {
      return done;
    },
    get descriptor() {
      return descriptor;
    },
    submittedIds: () => [...ids],
    async fill(room, live) {
      liveIds = live;
      const submitted: SubmittedArray[] = [];
      let tasks = 0;
      while (!done && tasks < room) {
        if (options.signal.aborted) {
          done = true;
          break;
        }
        const next = await options.batches.next();
        if (next.done === true) {
          done = true;
          break;
        }
        const batch = next.value;
        const cap = options.sharer === null ? Math.min(batch.chunk.count, options.parallelism) : options.sharer.capFor(batch.chunk.count);
        const rendered = options.renderer.render(batch, index, cap);
        index += 1;
        await options.writeScript(rendered);
        // the job files are written while the scheduler probes and takes the array (it stays held until they are)
        const preparing = options.prepare({ rendered, jobs: batch.jobs });
        // awaited below; a failure while the submit is in flight is not an unhandled rejection
        preparing.catch(() => undefined);
        let arrayJobId: string | null;
        try {
          arrayJobId = await submitHeld(rendered, cap, batch.chunk.count, submitted);
        } catch (error) {
          // nothing keeps writing after the fill failed
          await preparing.catch(() => undefined);
          throw error;
        }
        await preparing;
        if (arrayJobId === null) {
          options.refuse(batch.jobs, verdicts.get(verdictKey(rendered.array)) ?? '');
          continue;
        }
        submitted.push({ arrayJobId, rendered, jobs: batch.jobs });
        tasks += batch.chunk.count;
      }
      return submitted;
    },
  };
}

/**
 * An array whose tasks have different time limits went in with the longest; its shorter tasks
 * get their own while it is held (lowering a limit needs no operator rights on SLURM), so no
 * task can start under the longer one.
 */
async function setTaskTimeLimits(commands: SchedulerCommands, arrayJobId: string, array: DescribedArray): Promise<void> {
  const calls = taskTimeLimitCalls(array.taskLimits);
  if (calls.length === 0) return;
  if (commands.setTaskTimeLimit === undefined) throw new RangeError(`array ${array.index} mixes time limits, but these scheduler commands cannot set a task's limit`);
  for (const call of calls) await commands.setTaskTimeLimit(arrayJobId, call.tasks, call.timeMin);
}
