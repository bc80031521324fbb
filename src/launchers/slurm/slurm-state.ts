import type { SchedulerStateKind } from '../../scheduler/scheduler-state.js';

// SLURM's state names -> what the scheduler core does with them.
const KINDS: Readonly<Record<string, SchedulerStateKind>> = {
  PENDING: 'pending',
  CONFIGURING: 'pending',
  RESV_DEL_HOLD: 'pending',
  SUSPENDED: 'running',
  RUNNING: 'running',
  COMPLETING: 'running',
  SIGNALING: 'running',
  STAGE_OUT: 'running',
  STOPPED: 'running',
  RESIZING: 'running',
  REQUEUED: 'requeued',
  REQUEUE_HOLD: 'requeued',
  REQUEUE_FED: 'requeued',
  SPECIAL_EXIT: 'requeued',
  COMPLETED: 'completed',
  FAILED: 'failed',
  TIMEOUT: 'timeout',
  CANCELLED: 'cancelled',
  REVOKED: 'cancelled',
  PREEMPTED: 'preempted',
  NODE_FAIL: 'node-fail',
  OUT_OF_MEMORY: 'out-of-memory',
  BOOT_FAIL: 'boot-fail',
  DEADLINE: 'deadline',
};

const SHORT: Readonly<Record<string, string>> = {
  PD: 'PENDING', R: 'RUNNING', CG: 'COMPLETING', CD: 'COMPLETED', F: 'FAILED', TO: 'TIMEOUT', CA: 'CANCELLED',
  PR: 'PREEMPTED', NF: 'NODE_FAIL', OOM: 'OUT_OF_MEMORY', BF: 'BOOT_FAIL', DL: 'DEADLINE', RQ: 'REQUEUED',
  RH: 'REQUEUE_HOLD', RF: 'REQUEUE_FED', S: 'SUSPENDED', ST: 'STOPPED', SE: 'SPECIAL_EXIT', CF: 'CONFIGURING',
};

/** Normalises `CANCELLED by 0`, `CANCELLED+` or `CA` to the bare state name (`CANCELLED`). */
export function normaliseSlurmState(raw: string): string {
  const word = (raw.trim().split(/\s+/)[0] ?? '').replace(/\+$/, '').toUpperCase();
  return SHORT[word] ?? word;
}

/** The backend's `mapState` hook: a state as sacct, squeue or scontrol print it. Unknown names are `unknown` (kept polling). */
export function classifySlurmState(raw: string): SchedulerStateKind {
  return KINDS[normaliseSlurmState(raw)] ?? 'unknown';
}
