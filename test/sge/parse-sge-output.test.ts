import { describe, expect, it } from 'vitest';
import { expandTaskList, parseErrorReason, parseQstatXml } from '../../examples/sge/parse-qstat-xml.mjs';
import { parseQacct, qacctState } from '../../examples/sge/parse-qacct.mjs';
import { sgeProbeVerdict, sgeRequestFields } from '../../examples/sge/sge-scheduler.mjs';
import { readFileSync } from 'node:fs';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseQstatXml', () => {
  it('lists running tasks one by one and expands pending ranges (real qstat -xml output)', () => {
    expect(parseQstatXml(fixture('qstat-array.xml'))).toEqual([
      { jobId: '6', sgeTask: 1, state: 'r' },
      { jobId: '6', sgeTask: 2, state: 'r' },
      { jobId: '7', sgeTask: 1, state: 'Eqw' },
      { jobId: '6', sgeTask: 3, state: 'qw' },
      { jobId: '6', sgeTask: 4, state: 'qw' },
      { jobId: '6', sgeTask: 5, state: 'qw' },
    ]);
  });

  it('reads an empty queue as no rows', () => {
    expect(parseQstatXml("<?xml version='1.0'?>\n<job_info>\n  <queue_info>\n  </queue_info>\n  <job_info>\n  </job_info>\n</job_info>\n")).toEqual([]);
  });

  it.each([
    ['a single id', '7', [7]],
    ['a range', '1-4:1', [1, 2, 3, 4]],
    ['a stepped range', '2-10:4', [2, 6, 10]],
    ['a list of ranges', '1,3,5-6:1', [1, 3, 5, 6]],
  ])('expands %s', (_, text, ids) => {
    expect(expandTaskList(text)).toEqual(ids);
  });

  it('reads the error reason of a task stuck in Eqw', () => {
    const text = 'job_number:                 9\nerror reason    1:          11/30/2026 20:01:02 [0:123]: error: can\'t open output file "/nope/9.1.out": No such file or directory\nscheduling info:            (none)\n';
    expect(parseErrorReason(text)).toContain("can't open output file");
    expect(parseErrorReason('job_number: 9\n')).toBeNull();
  });
});

describe('parseQacct', () => {
  it('keeps the last run of each task and counts reruns as attempts (real qacct output)', () => {
    const runs = parseQacct(fixture('qacct-array.txt'));
    expect(runs).toEqual([
      { jobId: '3', sgeTask: 2, failedCode: 0, failedText: null, exitStatus: 0, attempt: 2 },
      { jobId: '3', sgeTask: 1, failedCode: 0, failedText: null, exitStatus: 0, attempt: 1 },
      { jobId: '3', sgeTask: 3, failedCode: 0, failedText: null, exitStatus: 3, attempt: 1 },
    ]);
  });

  it('reads limits, deletions and reschedules from the failed field', () => {
    const runs = parseQacct(fixture('qacct-deleted-and-timeout.txt'));
    expect(runs.map((r) => [r.jobId, r.sgeTask, r.failedCode, r.exitStatus, r.attempt, qacctState(r)])).toEqual([
      ['6', 1, 100, 137, 1, 'DELETED'],
      ['6', 2, 100, 137, 1, 'DELETED'],
      ['5', 1, 37, 140, 2, 'TIMEOUT'],
    ]);
    expect(runs[2]?.failedText).toBe('qmaster enforced h_rt, h_cpu, or h_vmem limit');
    expect(qacctState({ failedCode: 25, exitStatus: 0 })).toBe('RESCHEDULED');
    expect(qacctState({ failedCode: 26, exitStatus: 1 })).toBe('FAILED');
  });

  it('counts a job that is not an array as task 1', () => {
    expect(parseQacct('==============\njobnumber    12\ntaskid       undefined\nfailed       0    \nexit_status  0\n')).toEqual([
      { jobId: '12', sgeTask: 1, failedCode: 0, failedText: null, exitStatus: 0, attempt: 1 },
    ]);
  });

  it('names a normal end DONE and a non-zero exit EXITED', () => {
    expect(qacctState({ failedCode: 0, exitStatus: 0 })).toBe('DONE');
    expect(qacctState({ failedCode: 0, exitStatus: 2 })).toBe('EXITED');
  });
});

describe('sgeProbeVerdict', () => {
  it('takes the reason from a refused qsub -w v, not its closing lines (real output)', () => {
    const output = 'Unable to run job: Job 131 (-l arch=sparc) cannot run at host "vm" because it offers only hl:arch=lx-amd64\nverification: no suitable queues\nExiting.\n';
    expect(sgeProbeVerdict(output)).toBe('Unable to run job: Job 131 (-l arch=sparc) cannot run at host "vm" because it offers only hl:arch=lx-amd64');
  });

  it('keeps a refusal that has no verification line (an unknown queue)', () => {
    expect(sgeProbeVerdict('Unable to run job: Job was rejected because job requests unknown queue "nosuch.q"\nExiting.\n')).toBe('Unable to run job: Job was rejected because job requests unknown queue "nosuch.q"');
  });
});

describe('sgeRequestFields', () => {
  it('names every resource, queue and parallel environment with its value, and the time limit', () => {
    const config = { resources: { h_vmem: '4G', arch: 'sparc' }, queue: 'all.q', project: null, parallel_environment: 'smp', slots: 8, timeout_min: 30 };
    expect(sgeRequestFields(config as never)).toEqual(['hydra.launcher.resources.arch=sparc', 'hydra.launcher.resources.h_vmem=4G', 'hydra.launcher.queue=all.q', 'hydra.launcher.parallel_environment=smp', 'hydra.launcher.slots=8', 'hydra.launcher.timeout_min=30']);
  });
});
