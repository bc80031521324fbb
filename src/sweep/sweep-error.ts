/**
 * Raised when overrides parse but cannot be expanded into jobs the way Hydra's
 * BasicSweeper would: an `interval()` sweep, a `range()` with a zero step, a
 * sweep nested inside a value, a `glob()` without a way to list group options.
 */
export class SweepError extends Error {
  /** Stable code for programmatic checks. */
  readonly code = 'ERR_SWEEP' as const;
  /** The override text that could not be expanded. */
  readonly override: string;

  constructor(override: string, message: string, options?: { cause?: unknown }) {
    super(`Cannot sweep '${override}': ${message}`, options);
    this.name = 'SweepError';
    this.override = override;
  }
}
