/** What the watcher knows when it picks the delay before its next poll. */
export interface PollDelayInput {
  /** The poll just answered saw a change (or the launch is cancelling). */
  readonly changed: boolean;
  /** Time since the last poll that saw a change. */
  readonly quietMs: number;
  readonly intervalMs: number;
  readonly maxIntervalMs: number;
}

/**
 * The delay before the next poll: the first interval right after a change; after that a quarter
 * of the time nothing changed, between the interval and the maximum. Doubling from the last
 * delay made the end of a busy array (tasks ending a second apart) be seen up to a whole maximum
 * late; growing with the quiet time sees an end at most a quarter of the quiet time late, and
 * still reaches the maximum for jobs that run for hours. Pure.
 */
export function nextPollDelay(input: PollDelayInput): number {
  if (input.changed) return input.intervalMs;
  return Math.min(input.maxIntervalMs, Math.max(input.intervalMs, input.quietMs / 4));
}
