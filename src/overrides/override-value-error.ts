/**
 * Raised when a parsed value cannot be used the way it is asked for: a sweep
 * nested inside a list, dict or choice (Hydra parses `x=[choice(1,2)]` but
 * cannot use it), or a value that has no textual form.
 */
export class OverrideValueError extends Error {
  /** Stable code for programmatic checks. */
  readonly code = 'ERR_OVERRIDE_VALUE' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OverrideValueError';
  }
}
