/**
 * Runs `work` over items with at most `limit` in flight, in order of the items; stops
 * taking new items once `shouldStop()` says so. Resolves when every started item settled.
 */
export async function runPool<T>(items: readonly T[], limit: number, shouldStop: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !shouldStop()) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
