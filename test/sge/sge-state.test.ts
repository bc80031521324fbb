import { describe, expect, it } from 'vitest';
import { classifySgeState } from '../../examples/sge/sge-state.mjs';
import { toSgeId, sgeScheduler, isNoSuchSgeJob, isTransientSgeError, cleanSgeEnv } from '../../examples/sge/sge-scheduler.mjs';

describe('classifySgeState', () => {
  it.each([
    ['qw', 'pending'],
    ['hqw', 'pending'],
    ['t', 'running'],
    ['r', 'running'],
    ['Rr', 'running'],
    ['Rq', 'requeued'],
    ['s', 'running'],
    ['dr', 'running'],
    ['Eqw', 'failed'],
    ['DONE', 'completed'],
    ['EXITED', 'failed'],
    ['FAILED', 'failed'],
    ['TIMEOUT', 'timeout'],
    ['DELETED', 'cancelled'],
    ['RESCHEDULED', 'requeued'],
    ['???', 'unknown'],
  ])('maps %s to %s', (native, kind) => {
    expect(classifySgeState(native)).toBe(kind);
  });
});

describe('the sge scheduler hooks', () => {
  it('submits with qsub -terse, held and after another array when asked', () => {
    expect(sgeScheduler.submitArgv('/f/0.qsub', { hold: true, after: '41' })).toEqual(['qsub', '-terse', '-h', '-hold_jid', '41', '/f/0.qsub']);
    expect(sgeScheduler.submitArgv('/f/0.qsub', { hold: false, after: null })).toEqual(['qsub', '-terse', '/f/0.qsub']);
  });

  it('reads the job id of an array and of a plain job from -terse output', () => {
    expect(sgeScheduler.parseJobId('6.1-10:1\n')).toBe('6');
    expect(sgeScheduler.parseJobId('17\n')).toBe('17');
    expect(sgeScheduler.parseJobId('Your job was rejected\n')).toBeNull();
  });

  it('turns the core 0-based task keys into SGE 1-based task ids for qdel, qrls and qmod', () => {
    expect(toSgeId('12_0')).toBe('12.1');
    expect(toSgeId('12')).toBe('12');
    expect(sgeScheduler.cancelArgv(['12', '13_4'])).toEqual(['qdel', '12', '13.5']);
    expect(sgeScheduler.requeueArgv(['13_4'])).toEqual(['qmod', '-rj', '13.5']);
    expect(sgeScheduler.releaseArgv(['12', '13'])).toEqual(['qrls', '12', '13']);
    expect(sgeScheduler.logFiles('/f', '12', 0)).toEqual({ stdout: '/f/12.1.out', stderr: '/f/12.1.err' });
  });

  it('tells a gone job and a busy qmaster apart from real failures', () => {
    expect(isNoSuchSgeJob('denied: job "99" does not exist')).toBe(true);
    expect(isNoSuchSgeJob('error: job id 99 not found')).toBe(true);
    expect(isNoSuchSgeJob('denied: access denied')).toBe(false);
    expect(isTransientSgeError('error: commlib error: got select error (Connection refused)\nunable to contact qmaster using port 6444 on host "vm"')).toBe(true);
    expect(isTransientSgeError('Unable to run job: denied: host "x" is no submit host.')).toBe(false);
  });

  it('drops an outer job\'s SGE variables from the client environment', () => {
    expect(cleanSgeEnv({ PATH: '/bin', SGE_ROOT: '/var/lib/gridengine', JOB_ID: '5', SGE_TASK_ID: '2', RESTARTED: '0' })).toEqual({ PATH: '/bin', SGE_ROOT: '/var/lib/gridengine' });
  });
});
