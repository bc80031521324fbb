import type { JobErrorInfo, JobOutcome } from '../job/job-outcome.js';
import type { SchedulerRecord } from './scheduler-record.js';
import { constants } from 'node:os';
import type { ExitStatus } from './read-worker-report.js';
import { schedulerCode } from './scheduler-errors.js';

/** Facts about the job that the scheduler record alone does not carry. */
export interface OutcomeFacts {
  /** The job's time limit in ms (what `--time` was). */
  readonly timeoutMs: number;
  /** The job's result (module jobs: the parsed result.json); null for commands. */
  readonly result: unknown;
  /** The error a module job's worker reported, if any: it says more than an exit code. */
  readonly jobError: JobErrorInfo | null;
  /** How the batch script saw the job end, if it got that far. */
  readonly exitStatus: ExitStatus | null;
  /** `<arrayJobId>_<task>` and where its logs are, for error messages. */
  readonly schedulerId: string;
  readonly logHint: string;
}

/** Who speaks: `SLURM` in messages, `ERR_SLURM_*` codes, `SlurmJobError` names. */
export interface OutcomeVoice {
  readonly name: string;
  readonly label: string;
}

/** Names the core gives a backend's errors and warnings (`slurm` + `JobError` -> `SlurmJobError`). */
export function voiceName(voice: Pick<OutcomeVoice, 'name'>, suffix: 'JobError' | 'Warning'): string {
  return `${voice.name.charAt(0).toUpperCase()}${voice.name.slice(1)}${suffix}`;
}

/** Maps the final scheduler record of a job onto the launcher-neutral outcome union. */
export function outcomeFromRecord(record: SchedulerRecord, facts: OutcomeFacts, voice: OutcomeVoice): JobOutcome {
  const signal = signalName(record.signal);
  const failed = (code: string, what: string): JobOutcome => ({
    status: 'failed',
    exitCode: record.exitCode,
    signal,
    error: {
      name: facts.jobError?.name ?? voiceName(voice, 'JobError'),
      code: schedulerCode(voice, code),
      message: `${facts.jobError === null ? '' : `${facts.jobError.message} — `}${voice.label} job ${facts.schedulerId} ended ${record.state}${what}. Read its logs: ${facts.logHint}`,
    },
  });
  const where = `${voice.label} job ${facts.schedulerId}; logs: ${facts.logHint}`;
  // Causes the local launcher reports the same way: a missing program, a fatal signal.
  if (record.kind === 'failed' && facts.exitStatus?.kind === 'enoent') {
    return { status: 'failed', exitCode: null, signal: null, error: { name: 'SpawnError', code: 'ENOENT', message: `command not found (check the spelling, or that it is on PATH) — ${where}` } };
  }
  const killedBy = signal ?? signalFromExit(facts.exitStatus);
  if (record.kind === 'failed' && killedBy !== null && facts.jobError === null) {
    return { status: 'failed', exitCode: null, signal: killedBy, error: { name: 'SignalError', code: schedulerCode(voice, 'JOB_FAILED'), message: `killed by ${killedBy} — ${where}` } };
  }
  switch (record.kind) {
    case 'completed':
      return { status: 'completed', exitCode: record.exitCode ?? 0, result: facts.result };
    case 'failed':
      // no exit code: the task never ran (e.g. SGE's Eqw), so the scheduler's reason is the only explanation
      return failed('JOB_FAILED', record.exitCode === null ? (record.reason === null ? '' : ` without running: ${record.reason}`) : ` with exit code ${record.exitCode}${signal === null ? '' : ` (${signal})`}`);
    case 'timeout':
    case 'deadline':
      return { status: 'timed-out', signal: 'SIGTERM', timeoutMs: facts.timeoutMs };
    case 'cancelled':
      return { status: 'cancelled', signal: null, reason: `${voice.label} job ${facts.schedulerId} was cancelled${record.reason === null ? '' : `: ${record.reason}`}` };
    case 'preempted':
      return failed('PREEMPTED', ' (preempted, no requeue left: raise max_num_preemption)');
    case 'node-fail':
      return failed('NODE_FAIL', ' (its node failed, no requeue left: raise max_num_preemption)');
    case 'out-of-memory':
      return failed('OUT_OF_MEMORY', ' (out of memory: raise mem_gb or mem_per_cpu)');
    case 'boot-fail':
      return failed('BOOT_FAIL', ' (its node failed to boot)');
    case 'pending':
    case 'running':
    case 'requeued':
    case 'unknown':
      throw new RangeError(`outcomeFromRecord needs a final state, got ${record.state} (${record.kind})`);
  }
}

// bash and srun both exit 128+N when the job died of signal N
function signalFromExit(status: ExitStatus | null): string | null {
  if (status?.kind !== 'exit' || status.code <= 128 || status.code > 128 + 64) return null;
  return signalName(status.code - 128);
}

function signalName(signal: number | null): string | null {
  if (signal === null || signal === 0) return null;
  const entry = Object.entries(constants.signals).find(([, n]) => n === signal);
  return entry === undefined ? `signal ${signal}` : entry[0];
}
