import { chunkIntoArrays } from './chunk-into-arrays.js';

/** What decides whether two neighbouring jobs can share one array. */
export interface ArrayKey {
  readonly timeMin: number;
  readonly jobName: string;
  /** The job's number; a resumed launch skips the completed ones. @default its index */
  readonly num?: number;
}

/** Tasks of one array that run with a shorter time limit than the array's own (set per task before release). */
export interface TaskTimeLimit {
  readonly timeMin: number;
  /** Task ids (0-based, ascending). */
  readonly tasks: readonly number[];
}

/** One submit call: jobs `offset .. offset+count-1`, all with the same name. */
export interface ArrayChunk {
  /** The array's time limit in minutes: the longest of its tasks. */
  readonly timeMin: number;
  readonly jobName: string;
  readonly offset: number;
  readonly count: number;
  /** Tasks whose own limit is below `timeMin`, grouped by limit (shortest first); empty when all share it. */
  readonly taskLimits: readonly TaskTimeLimit[];
}

/** How the scheduler lets arrays be split. */
export interface SplitOptions {
  /**
   * True when the scheduler can change one task's time limit in a held array (SLURM's
   * `scontrol update JobId=<array>_<task> TimeLimit=`): jobs that differ only in their limit
   * then share an array submitted with the longest limit. False: a new array per limit.
   * @default false
   */
  readonly perTaskTimeLimit?: boolean;
}

/**
 * Splits a launch into job arrays: a new array starts where the job name changes (a submit
 * takes one per array), where the time limit changes unless the scheduler sets limits per
 * task, whenever `maxArraySize` tasks are full (task ids must stay below the cluster's
 * MaxArraySize), and where job numbers skip (a resume runs only what did not complete).
 * Pure; keeps job order.
 */
export function splitIntoArrays(jobs: readonly ArrayKey[], maxArraySize: number, options: SplitOptions = {}): ArrayChunk[] {
  return [...chunkIntoArrays(jobs, (key) => key, maxArraySize, options)].map((batch) => batch.chunk);
}

/** The chunk of `count` jobs from `offset` whose limits are `limits` (task i: `limits[i]`). Pure. */
export function arrayChunkOf(offset: number, jobName: string, limits: readonly number[]): ArrayChunk {
  let timeMin = 0;
  for (const limit of limits) timeMin = Math.max(timeMin, limit);
  const shorter = new Map<number, number[]>();
  limits.forEach((limit, task) => {
    if (limit >= timeMin) return;
    const tasks = shorter.get(limit);
    if (tasks === undefined) shorter.set(limit, [task]);
    else tasks.push(task);
  });
  const taskLimits = [...shorter].sort(([a], [b]) => a - b).map(([limit, tasks]) => ({ timeMin: limit, tasks }));
  return { timeMin, jobName, offset, count: limits.length, taskLimits };
}
