/**
 * SLURM's job states, grouped by what the launcher does with them. `live` states keep a job
 * polled; the others are final for the current attempt.
 */
export type SlurmStateKind =
  | 'pending'
  | 'running'
  | 'requeued'
  | 'completed'
  | 'failed'
  | 'timeout'
  | 'cancelled'
  | 'preempted'
  | 'node-fail'
  | 'out-of-memory'
  | 'boot-fail'
  | 'deadline'
  | 'unknown';

const KINDS: Readonly<Record<string, SlurmStateKind>> = {
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

/** Classifies a state as sacct, squeue or scontrol print it. Unknown names are `unknown` (kept polling). */
export function classifySlurmState(raw: string): SlurmStateKind {
  return KINDS[normaliseSlurmState(raw)] ?? 'unknown';
}

/** True when the state ends the current attempt (the job may still be requeued). */
export function isFinalState(kind: SlurmStateKind): boolean {
  switch (kind) {
    case 'pending':
    case 'running':
    case 'requeued':
    case 'unknown':
      return false;
    case 'completed':
    case 'failed':
    case 'timeout':
    case 'cancelled':
    case 'preempted':
    case 'node-fail':
    case 'out-of-memory':
    case 'boot-fail':
    case 'deadline':
      return true;
  }
}
