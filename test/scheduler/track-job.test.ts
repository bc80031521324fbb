import { describe, expect, it } from 'vitest';
import type { SchedulerRecord } from '../../src/scheduler/scheduler-record.js';
import { classifySlurmState } from '../../src/launchers/slurm/slurm-state.js';
import { outcomeFromRecord } from '../../src/scheduler/outcome-from-record.js';
import { newTrackedJob, trackJob, type TrackedJob } from '../../src/scheduler/track-job.js';

const rec = (state: string, extra: Partial<SchedulerRecord> = {}): SchedulerRecord => ({
  arrayJobId: '10',
  task: 0,
  state,
  kind: classifySlurmState(state),
  exitCode: 0,
  signal: 0,
  reason: null,
  attempt: 1,
  ...extra,
});

function run(records: (SchedulerRecord | undefined)[], maxPreempt = 3) {
  let job: TrackedJob = newTrackedJob(0, '10', 0);
  const log: string[] = [];
  for (const record of records) {
    const step = trackJob(job, record, maxPreempt);
    job = step.next;
    for (const note of step.notes) log.push(note.type === 'start' ? `start#${note.attempt}` : `${note.state}#${note.attempt}`);
    if (step.action !== 'wait') log.push(step.action);
  }
  return log;
}

describe('trackJob', () => {
  it('reports each state change once and the start of the attempt', () => {
    expect(run([rec('PENDING'), rec('PENDING'), rec('RUNNING'), rec('RUNNING'), rec('COMPLETED')])).toEqual([
      'PENDING#1', 'RUNNING#1', 'start#1', 'COMPLETED#1', 'finish',
    ]);
  });

  it('keeps waiting while a job has no record (never failed before its final record is read)', () => {
    expect(run([rec('RUNNING'), undefined, undefined, undefined])).toEqual(['RUNNING#1', 'start#1']);
  });

  it('counts a requeue from sacct rows as a new attempt with its own start', () => {
    expect(run([rec('RUNNING'), rec('REQUEUED', { attempt: 2 }), rec('PENDING', { attempt: 2 }), rec('RUNNING', { attempt: 2 }), rec('COMPLETED', { attempt: 2 })])).toEqual([
      'RUNNING#1', 'start#1', 'REQUEUED#2', 'PENDING#2', 'RUNNING#2', 'start#2', 'COMPLETED#2', 'finish',
    ]);
  });

  it('infers a requeue from squeue when a running job is pending again', () => {
    expect(run([rec('RUNNING', { attempt: null }), rec('PENDING', { attempt: null }), rec('RUNNING', { attempt: null })])).toEqual([
      'RUNNING#1', 'start#1', 'PENDING#2', 'RUNNING#2', 'start#2',
    ]);
  });

  it('requeues a preempted job, ignores the stale PREEMPTED record, and finishes the next attempt', () => {
    expect(run([rec('RUNNING'), rec('PREEMPTED'), rec('PREEMPTED'), rec('PENDING', { attempt: 2 }), rec('COMPLETED', { attempt: 2 })])).toEqual([
      'RUNNING#1', 'start#1', 'PREEMPTED#1', 'REQUEUE#1', 'requeue', 'PENDING#2', 'COMPLETED#2', 'finish',
    ]);
  });

  it('finishes a preempted job once max_num_preemption requeues were used', () => {
    expect(run([rec('RUNNING'), rec('NODE_FAIL')], 0)).toEqual(['RUNNING#1', 'start#1', 'NODE_FAIL#1', 'finish']);
  });
});

describe('outcomeFromRecord', () => {
  const voice = { name: 'slurm', label: 'SLURM' };
  const facts = { timeoutMs: 60_000, result: { loss: 0.5 }, jobError: null, exitStatus: null, schedulerId: '10_0', logHint: '/f/10_0.err' };
  it.each([
    ['COMPLETED', rec('COMPLETED'), { status: 'completed', exitCode: 0, result: { loss: 0.5 } }],
    ['TIMEOUT', rec('TIMEOUT'), { status: 'timed-out', signal: 'SIGTERM', timeoutMs: 60_000 }],
    ['CANCELLED', rec('CANCELLED'), { status: 'cancelled', signal: null, reason: 'SLURM job 10_0 was cancelled' }],
  ])('maps %s', (_name, record, expected) => {
    expect(outcomeFromRecord(record, facts, voice)).toEqual(expected);
  });

  it.each([
    ['FAILED', rec('FAILED', { exitCode: 3 }), 'ERR_SLURM_JOB_FAILED', /ended FAILED with exit code 3\. Read its logs: \/f\/10_0\.err/],
    ['OUT_OF_MEMORY', rec('OUT_OF_MEMORY'), 'ERR_SLURM_OUT_OF_MEMORY', /raise mem_gb/],
    ['PREEMPTED', rec('PREEMPTED'), 'ERR_SLURM_PREEMPTED', /max_num_preemption/],
    ['NODE_FAIL', rec('NODE_FAIL'), 'ERR_SLURM_NODE_FAIL', /node failed/],
  ])('maps %s to a failure with a code and a fix', (_name, record, code, message) => {
    const outcome = outcomeFromRecord(record, facts, voice);
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.code).toBe(code);
    expect(outcome.error.message).toMatch(message);
  });

  it('names the signal that killed a job', () => {
    const outcome = outcomeFromRecord(rec('FAILED', { exitCode: 0, signal: 9 }), facts, voice);
    expect(outcome.status === 'failed' && outcome.signal).toBe('SIGKILL');
  });

  it('puts the error a module job reported before the scheduler facts', () => {
    const outcome = outcomeFromRecord(rec('FAILED', { exitCode: 1 }), { ...facts, jobError: { name: 'TypeError', message: 'x is not a function' } }, voice);
    expect(outcome.status === 'failed' && outcome.error).toEqual({
      name: 'TypeError',
      code: 'ERR_SLURM_JOB_FAILED',
      message: 'x is not a function — SLURM job 10_0 ended FAILED with exit code 1. Read its logs: /f/10_0.err',
    });
  });

  it('reports a job the batch script saw die of a signal (exit 128+N) as the local launcher does: signal set, no exit code', () => {
    const outcome = outcomeFromRecord(rec('FAILED', { exitCode: 137, signal: 0 }), { ...facts, exitStatus: { kind: 'exit', code: 137 } }, voice);
    expect(outcome).toMatchObject({ status: 'failed', exitCode: null, signal: 'SIGKILL', error: { name: 'SignalError', message: expect.stringMatching(/^killed by SIGKILL — SLURM job 10_0/) } });
    const segv = outcomeFromRecord(rec('FAILED', { exitCode: 139, signal: 0 }), { ...facts, exitStatus: { kind: 'exit', code: 139 } }, voice);
    expect(segv.status === 'failed' && segv.signal).toBe('SIGSEGV');
  });

  it('reports a missing program as ENOENT, "command not found", as the local launcher does', () => {
    const outcome = outcomeFromRecord(rec('FAILED', { exitCode: 127 }), { ...facts, exitStatus: { kind: 'enoent' } }, voice);
    expect(outcome).toMatchObject({ status: 'failed', exitCode: null, signal: null, error: { name: 'SpawnError', code: 'ENOENT', message: expect.stringMatching(/^command not found/) } });
  });

  it('keeps a plain exit code when the job was not killed', () => {
    const outcome = outcomeFromRecord(rec('FAILED', { exitCode: 3 }), { ...facts, exitStatus: { kind: 'exit', code: 3 } }, voice);
    expect(outcome).toMatchObject({ status: 'failed', exitCode: 3, signal: null });
  });

  it('refuses a live state', () => {
    expect(() => outcomeFromRecord(rec('RUNNING'), facts, voice)).toThrow(/needs a final state/);
  });
});
