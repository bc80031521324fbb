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
  if (!Number.isInteger(maxArraySize) || maxArraySize < 1) {
    throw new RangeError(`maxArraySize must be a positive integer, got ${String(maxArraySize)}`);
  }
  const chunks: ArrayChunk[] = [];
  let current: { offset: number; count: number; key: ArrayKey } | null = null;
  jobs.forEach((key, index) => {
    const num = key.num ?? index;
    // task i runs job offset+i, so a gap in the numbers (jobs a resume skips) starts a new array
    const next = current !== null && current.offset + current.count === num;
    const same = next && current !== null && current.key.timeMin === key.timeMin && current.key.jobName === key.jobName;
    if (current !== null && same && current.count < maxArraySize) {
      current.count += 1;
      return;
    }
    if (current !== null) chunks.push({ timeMin: current.key.timeMin, jobName: current.key.jobName, offset: current.offset, count: current.count });
    current = { offset: num, count: 1, key };
  });
  if (current !== null) {
    const last: { offset: number; count: number; key: ArrayKey } = current;
    chunks.push({ timeMin: last.key.timeMin, jobName: last.key.jobName, offset: last.offset, count: last.count });
  }
  return chunks;
}
