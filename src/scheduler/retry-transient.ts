import type { Clock } from '../process/system-clock.js';
import type { PlatformAbortSignal } from '../platform-types.js';

/** How a scheduler call is retried. */
export interface RetryPolicy {
  /** Total tries, the first included. @default 6 */
  readonly attempts: number;
  /** Delay before the second try; doubles each time. @default 500 */
  readonly baseDelayMs: number;
  /** Longest delay between tries. @default 10000 */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * Delay before try `n + 1` (n >= 1): exponential with "full jitter" in its upper half, so
 * many launchers retrying at once spread out. `random` is injectable for tests.
 */
export function retryDelayMs(policy: RetryPolicy, n: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** The result of one try: done with a value, or failed (transient failures are retried). */
export type TryResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly transient: boolean; readonly error: unknown };

/**
 * Runs `attempt` until it succeeds, fails for good, or the tries run out; sleeps with
 * backoff and jitter between tries. Throws the last error.
 */
export async function retryTransient<T>(
  attempt: (n: number) => Promise<TryResult<T>>,
  options: { readonly policy: RetryPolicy; readonly clock: Clock; readonly random: () => number; readonly signal?: PlatformAbortSignal },
): Promise<T> {
  for (let n = 1; ; n += 1) {
    const result = await attempt(n);
    if (result.ok) return result.value;
    if (!result.transient || n >= options.policy.attempts) throw result.error;
    await options.clock.sleep(retryDelayMs(options.policy, n, options.random), options.signal);
  }
}
