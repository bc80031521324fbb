import { type ArrayChunk, type ArrayKey, arrayChunkOf, type SplitOptions } from './split-into-arrays.js';

/** One array as it leaves the chunker: its key and range, and the jobs it runs (task i is `jobs[i]`). */
export interface ArrayBatch<T> {
  readonly chunk: ArrayChunk;
  readonly jobs: readonly T[];
}

/** The streaming splitter behind every way of reading a source: one job in, maybe one closed array out. */
export interface ArrayChunker<T> {
  /** Adds the next job; returns the array it closed (the job then opens the next one), or null. */
  push(job: T, key: ArrayKey): ArrayBatch<T> | null;
  /** Closes the last array; null when no job was pushed since. */
  flush(): ArrayBatch<T> | null;
}

/**
 * Builds the splitter `splitIntoArrays` and the chunked launch share: a new array starts where
 * the job name changes, where the time limit changes (unless `perTaskTimeLimit`: the array then
 * takes the longest and lists its shorter tasks), where job numbers skip (a resume), and when
 * `maxArraySize` tasks are full. Holds only the array being filled. Pure.
 */
export function createArrayChunker<T>(maxArraySize: number, options: SplitOptions = {}): ArrayChunker<T> {
  if (!Number.isInteger(maxArraySize) || maxArraySize < 1) {
    throw new RangeError(`maxArraySize must be a positive integer, got ${String(maxArraySize)}`);
  }
  const perTask = options.perTaskTimeLimit ?? false;
  let current: { offset: number; key: ArrayKey; jobs: T[]; limits: number[] } | null = null;
  let index = 0;
  const close = (): ArrayBatch<T> | null => {
    if (current === null) return null;
    const { offset, key, jobs, limits } = current;
    current = null;
    return { chunk: arrayChunkOf(offset, key.jobName, limits), jobs };
  };
  return {
    push(job, key) {
      const num = key.num ?? index;
      index += 1;
      // task i runs job offset+i, so a gap in the numbers (jobs a resume skips) starts a new array
      const next = current !== null && current.offset + current.jobs.length === num;
      const sameLimit = perTask || current?.key.timeMin === key.timeMin;
      if (current !== null && next && sameLimit && current.key.jobName === key.jobName && current.jobs.length < maxArraySize) {
        current.jobs.push(job);
        current.limits.push(key.timeMin);
        return null;
      }
      const closed = close();
      current = { offset: num, key, jobs: [job], limits: [key.timeMin] };
      return closed;
    },
    flush: close,
  };
}

/** Splits a (lazy) job list into arrays as it is read, holding one array at a time. Pure. */
export function* chunkIntoArrays<T>(jobs: Iterable<T>, keyOf: (job: T) => ArrayKey, maxArraySize: number, options: SplitOptions = {}): Generator<ArrayBatch<T>> {
  const chunker = createArrayChunker<T>(maxArraySize, options);
  for (const job of jobs) {
    const closed = chunker.push(job, keyOf(job));
    if (closed !== null) yield closed;
  }
  const last = chunker.flush();
  if (last !== null) yield last;
}

/** {@link chunkIntoArrays} for a source that may be asynchronous (an async generator of jobs). */
export async function* chunkIntoArraysAsync<T>(jobs: Iterable<T> | AsyncIterable<T>, keyOf: (job: T) => ArrayKey, maxArraySize: number, options: SplitOptions = {}): AsyncGenerator<ArrayBatch<T>> {
  const chunker = createArrayChunker<T>(maxArraySize, options);
  for await (const job of jobs) {
    const closed = chunker.push(job, keyOf(job));
    if (closed !== null) yield closed;
  }
  const last = chunker.flush();
  if (last !== null) yield last;
}
