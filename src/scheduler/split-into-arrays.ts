import { chunkIntoArrays } from './chunk-into-arrays.js';

/** What decides whether two neighbouring jobs can share one array. */
export interface ArrayKey {
  readonly timeMin: number;
  readonly jobName: string;
  /** The job's number; a resumed launch skips the completed ones. @default its index */
  readonly num?: number;
}

/** One sbatch call: jobs `offset .. offset+count-1`, all with the same key. */
export interface ArrayChunk extends ArrayKey {
  readonly offset: number;
  readonly count: number;
}

/**
 * Splits a launch into job arrays: a new array starts where the time limit or job name
 * changes (sbatch takes one of each per array) and whenever `maxArraySize` tasks are full
 * (task ids must stay below the cluster's MaxArraySize), and where job numbers skip (a resume
 * runs only what did not complete). Pure; keeps job order.
 */
export function splitIntoArrays(jobs: readonly ArrayKey[], maxArraySize: number): ArrayChunk[] {
  return [...chunkIntoArrays(jobs, (key) => key, maxArraySize)].map((batch) => batch.chunk);
}
