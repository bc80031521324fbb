/**
 * Runs `fn` over `items` with at most `limit` calls in flight (file writes for thousands of
 * jobs: one at a time is slow, all at once exhausts file descriptors). Rejects on the first error.
 */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
