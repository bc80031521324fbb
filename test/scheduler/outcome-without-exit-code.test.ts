import { describe, expect, it } from 'vitest';
import { outcomeFromRecord } from '../../src/scheduler/outcome-from-record.js';

const facts = { timeoutMs: 60_000, result: null, jobError: null, exitStatus: null, schedulerId: '17_0', logHint: '/f/17.1.out' };
const voice = { name: 'sge', label: 'SGE' };

describe('outcomeFromRecord for a task that never ran', () => {
  it('puts the scheduler reason in the message when there is no exit code', () => {
    const outcome = outcomeFromRecord({ arrayJobId: '17', task: 0, state: 'Eqw', kind: 'failed', exitCode: null, signal: null, reason: "can't chdir to /nope", attempt: null }, facts, voice);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'ERR_SGE_JOB_FAILED', message: "SGE job 17_0 ended Eqw without running: can't chdir to /nope. Read its logs: /f/17.1.out" } });
  });

  it('keeps the exit code message when the task ran', () => {
    const outcome = outcomeFromRecord({ arrayJobId: '17', task: 0, state: 'EXITED', kind: 'failed', exitCode: 3, signal: null, reason: 'ignored', attempt: 1 }, facts, voice);
    expect(outcome).toMatchObject({ error: { message: 'SGE job 17_0 ended EXITED with exit code 3. Read its logs: /f/17.1.out' } });
  });
});
