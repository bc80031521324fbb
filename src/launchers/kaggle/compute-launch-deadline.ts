/** The time limits of one launch, all in milliseconds since the epoch. */
export interface LaunchDeadline {
  readonly startedAtMs: number;
  /** No job may run past this moment: jobs still running get SIGTERM here. */
  readonly deadlineMs: number;
  /** The session's hard wall (start + `timeout_min`): SIGKILL, artifacts and summary all land before it. */
  readonly wallMs: number;
  /** Which setting set the deadline. */
  readonly limitedBy: 'max_duration_min' | 'timeout_min';
}

/** The settings the deadline is computed from (the kaggle launcher's resolved config). */
export interface DeadlineSettings {
  readonly timeout_min: number;
  readonly max_duration_min: number;
  readonly kill_grace_s: number;
}

/**
 * The launch deadline: start + `max_duration_min`, but never later than the wall
 * (start + `timeout_min`) minus the kill grace, so a job stopped at the deadline is
 * dead (SIGKILL at the latest) before the wall. Pure.
 */
export function computeLaunchDeadline(startedAtMs: number, settings: DeadlineSettings): LaunchDeadline {
  const wallMs = startedAtMs + settings.timeout_min * 60_000;
  const byDuration = startedAtMs + settings.max_duration_min * 60_000;
  const byWall = Math.max(startedAtMs, wallMs - settings.kill_grace_s * 1000);
  return byDuration <= byWall
    ? { startedAtMs, deadlineMs: Math.round(byDuration), wallMs: Math.round(wallMs), limitedBy: 'max_duration_min' }
    : { startedAtMs, deadlineMs: Math.round(byWall), wallMs: Math.round(wallMs), limitedBy: 'timeout_min' };
}
