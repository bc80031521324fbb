import { describe, expect, it } from 'vitest';
import type { JobOutcome } from '../../src/job/job-outcome.js';
import type { SchedulerCommands } from '../../src/scheduler/scheduler-commands.js';
import type { SchedulerRecord } from '../../src/scheduler/scheduler-record.js';
import { SlurmCommandError } from '../../src/launchers/slurm/slurm-errors.js';
import { classifySlurmState } from '../../src/launchers/slurm/slurm-state.js';
import { watchJobs, type WatchOptions } from '../../src/scheduler/watch-jobs.js';
import { fakeClock } from './fake-clock.js';

const job = { num: 0, arrayJobId: '7', task: 0, kind: 'command' as const, timeoutMs: 60_000, submittedAt: 0, logHint: '/f/7_0.out', logs: { stdout: '/f/7_0.out', stderr: '/f/7_0.err' } };
const record = (state: string): SchedulerRecord => ({ arrayJobId: '7', task: 0, state, kind: classifySlurmState(state), exitCode: 0, signal: 0, reason: null, attempt: 1 });

/** Answers each query with the next item: records, or an error to throw. */
function scripted(answers: (SchedulerRecord[] | Error)[]): SchedulerCommands & { cancels: string[][] } {
  const cancels: string[][] = [];
  let i = 0;
  return {
    cancels,
    submit: () => Promise.reject(new Error('not used')),
    query: async () => {
      const answer = answers[Math.min(i, answers.length - 1)] ?? [];
      i += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    cancel: async (ids) => {
      cancels.push([...ids]);
    },
    release: async () => undefined,
    requeue: async () => undefined,
    maxArraySize: async () => 1001,
  };
}

function options(commands: SchedulerCommands, extra: Partial<WatchOptions> = {}) {
  const warnings: string[] = [];
  const ended: JobOutcome[] = [];
  const opts: WatchOptions = {
    commands,
    voice: { name: 'slurm', label: 'SLURM', lostRecordHint: 'raise MinJobAge or turn accounting on' },
    clock: fakeClock(),
    signal: new AbortController().signal,
    pollIntervalMs: 1000,
    pollMaxIntervalMs: 8000,
    maxNumPreemption: 0,
    readReport: async () => ({ worker: null, exit: null }),
    sink: { note: () => undefined, finish: (_num, outcome) => ended.push(outcome), warn: (m) => warnings.push(m) },
    ...extra,
  };
  return { opts, warnings, ended };
}

const busy = new SlurmCommandError(['sacct'], 1, 'sacct: error: Socket timed out', 6);

describe('watchJobs', () => {
  it('warns about a failed poll and carries on', async () => {
    const { opts, warnings, ended } = options(scripted([busy, busy, [record('COMPLETED')]]));
    await watchJobs([job], opts);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/scheduler poll 1 failed \(will retry\): .*Socket timed out/);
    expect(ended).toEqual([{ status: 'completed', exitCode: 0, result: null }]);
  });

  it('never records a job failed because its polls failed: after giveUpAfterMs it ends detached with the last error', async () => {
    const { opts, ended } = options(scripted([busy]), { giveUpAfterMs: 10_000 });
    await watchJobs([job], opts);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ status: 'detached', schedulerId: '7_0', reason: expect.stringMatching(/^lost contact with SLURM for \d+ s \(\d+ failed polls; last: .*Socket timed out.*attach/) });
  });

  it('warns once, naming the reason, about a job pending longer than the patience with a reason that will not clear', async () => {
    const pending = (reason: string): SchedulerRecord => ({ ...record('PENDING'), reason });
    const notes: string[] = [];
    const { opts, warnings } = options(scripted([...Array(8).fill([pending('BadConstraints')]), [record('CANCELLED')]]), {
      pendingPatienceMs: 5000,
      isHopelessReason: (reason) => reason === 'BadConstraints',
    });
    await watchJobs([job], { ...opts, sink: { ...opts.sink, note: (_num, note) => notes.push(note.type === 'state' ? (note.detail ?? '') : 'start') } });
    expect(notes.filter((n) => /will not clear/.test(n))).toEqual([expect.stringMatching(/^pending for \d+ s with reason BadConstraints, which will not clear by itself/)]);
    expect(warnings.filter((w) => /BadConstraints/.test(w))).toHaveLength(1);
  });

  it('never warns about a job that waits for resources, however long', async () => {
    const { opts, warnings } = options(scripted([...Array(8).fill([{ ...record('PENDING'), reason: 'Resources' }]), [record('COMPLETED')]]), {
      pendingPatienceMs: 1000,
      isHopelessReason: (reason) => reason === 'BadConstraints',
    });
    await watchJobs([job], opts);
    expect(warnings).toEqual([]);
  });

  it('declares a job lost only after it was seen and then missing for lostAfterPolls polls', async () => {
    const { opts, ended } = options(scripted([[], [], [record('RUNNING')], []]), { lostAfterPolls: 5 });
    await watchJobs([job], opts);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ status: 'failed', error: { code: 'ERR_SLURM_RECORD_LOST' } });
  });

  it('records a job killed after the launch cancel as cancelled, even when the scheduler calls it a failure (SGE qdel races)', async () => {
    const controller = new AbortController();
    controller.abort('stop');
    const killed: SchedulerRecord = { ...record('FAILED'), exitCode: 143 };
    const commands = scripted([[killed]]);
    const { opts, ended } = options(commands, { signal: controller.signal });
    await watchJobs([job], opts);
    expect(commands.cancels).toEqual([['7']]);
    expect(ended).toEqual([{ status: 'cancelled', signal: null, reason: expect.stringMatching(/^launch cancelled; SLURM job 7_0 ended failed: /) }]);
  });

  it('keeps a job that completed before the cancel reached it completed', async () => {
    const controller = new AbortController();
    controller.abort('stop');
    const { opts, ended } = options(scripted([[record('COMPLETED')]]), { signal: controller.signal });
    await watchJobs([job], opts);
    expect(ended).toEqual([expect.objectContaining({ status: 'completed' })]);
  });

  it('records unconfirmed jobs as cancelled once the cancel grace period is over', async () => {
    const controller = new AbortController();
    controller.abort('stop');
    const commands = scripted([[record('RUNNING')]]);
    const { opts, ended } = options(commands, { signal: controller.signal, cancelGraceMs: 3000 });
    const { cancelled } = await watchJobs([job], opts);
    expect(cancelled).toBe(true);
    expect(commands.cancels).toEqual([['7']]);
    expect(ended).toEqual([{ status: 'cancelled', signal: null, reason: 'launch cancelled; SLURM did not confirm the cancellation in time' }]);
  });
});
