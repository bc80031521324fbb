/**
 * The CLI's exit codes, documented in docs/cli.md. Scripts and CI switch on them, so they
 * never change meaning: 0 only when every job completed.
 */
export const EXIT = {
  /** Every job completed (or a --cfg / --info / --dry-run / --help printed what was asked). */
  ok: 0,
  /** The launch ran, and at least one job did not complete (failed, timed out, skipped). */
  jobsFailed: 1,
  /** The command line is wrong: unknown flag or task, an override that does not parse. */
  usage: 2,
  /** The config folder or the launcher's fields are wrong (composition, interpolation, schema). */
  config: 3,
  /** The launch itself could not run (its folder, the scheduler, an unexpected error). */
  launchError: 4,
  /** Cancelled by Ctrl-C / SIGTERM (128 + SIGINT, as shells report it). */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
