/**
 * Runs `fn` over `items` with at most `limit` calls in flight, starting them in the items' order
 * (a job pool; file writes for thousands of jobs, where one at a time is slow and all at once
 * exhausts file descriptors). Takes any iterable or async iterable, so a lazy job source is read
 * only as fast as it is consumed (an async source must hand out each item once when its `next()`
 * is called by several lanes at a time, as async generators do). Stops taking items once
 * `shouldStop()` says so; rejects on the first error, after letting the calls in flight settle is
 * the caller's business (each lane stops at its next item).
 */
export async function mapLimit<T>(items: Iterable<T> | AsyncIterable<T>, limit: number, fn: (item: T) => Promise<void>, shouldStop: () => boolean = () => false): Promise<void> {
  const async = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : null;
  const sync = async === null ? (items as Iterable<T>)[Symbol.iterator]() : null;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && !shouldStop()) {
      // A sync source is read without a tick, so no lane can fail between the read and the call.
      const next = sync !== null ? sync.next() : await (async as AsyncIterator<T>).next();
      if (next.done === true || failed) return;
      try {
        await fn(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = Array.isArray(items) ? Math.min(limit, items.length) : limit;
  if (!Number.isFinite(lanes)) throw new RangeError(`mapLimit needs a finite limit for a lazy source, got ${limit}`);
  await Promise.all(Array.from({ length: Math.max(1, Math.floor(lanes)) }, lane));
}
