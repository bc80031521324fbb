// @ts-check
// Pure: SGE's states (qstat letters, and the names parse-qacct gives finished runs) -> ours.

/** @typedef {import('spectramind-launch').SchedulerStateKind} SchedulerStateKind */

/** @type {Readonly<Record<string, SchedulerStateKind>>} */
const FINISHED = {
  DONE: 'completed',
  EXITED: 'failed',
  FAILED: 'failed',
  TIMEOUT: 'timeout',
  DELETED: 'cancelled',
  RESCHEDULED: 'requeued',
};

/**
 * The backend's `mapState` hook. qstat letters combine: `E` error (the task cannot start and
 * waits forever: failed), `R` + `q` rescheduled and queued again, `r`/`t` running or being
 * started, `s`/`S`/`T` suspended (still running for the launcher), `d` being deleted (still
 * live until its accounting record arrives), `q`/`w`/`h` waiting. Anything else is `unknown`
 * (kept polling).
 * @param {string} native
 * @returns {SchedulerStateKind}
 */
export function classifySgeState(native) {
  const finished = FINISHED[native];
  if (finished !== undefined) return finished;
  if (!/^[a-zA-Z]+$/.test(native)) return 'unknown';
  if (native.includes('E')) return 'failed';
  if (native.startsWith('R') && native.includes('q')) return 'requeued';
  if (/[rtsST]/.test(native)) return 'running';
  if (/[qwhd]/.test(native)) return 'pending';
  return 'unknown';
}
