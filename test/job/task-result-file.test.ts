import { describe, expect, it } from 'vitest';
import { taskResultFile } from '../../src/job/task-result-file.js';

describe('where a module job reports its result', () => {
  it.each([
    ['a job of one task', { SPECTRAMIND_RESULT: '/b/jobs/3/result.json' }, '/b/jobs/3/result.json'],
    ['task 0 of a batch job', { SPECTRAMIND_RESULT: '/b/jobs/3/result.json', SPECTRAMIND_RESULT_PER_TASK: '1', SLURM_PROCID: '0' }, '/b/jobs/3/result.json'],
    ['task 1 of a batch job', { SPECTRAMIND_RESULT: '/b/jobs/3/result.json', SPECTRAMIND_RESULT_PER_TASK: '1', SLURM_PROCID: '1' }, '/b/jobs/3/result.1.json'],
    ['an MPI rank', { SPECTRAMIND_RESULT: '/b/r.json', SPECTRAMIND_RESULT_PER_TASK: '1', OMPI_COMM_WORLD_RANK: '3' }, '/b/r.3.json'],
    // a local job started from inside an srun step must not take the step's rank for its own
    ['a local job inside an srun step', { SPECTRAMIND_RESULT: '/runs/0/result.json', SLURM_PROCID: '2' }, '/runs/0/result.json'],
    ['no result file', {}, undefined],
  ])('is the right file for %s', (_name, env, expected) => {
    expect(taskResultFile(env)).toBe(expected);
  });
});
