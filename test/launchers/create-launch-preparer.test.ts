import { describe, expect, it } from 'vitest';
import { INLINE_MAX_CORES, JOB_FILES_WORKER_MIN_JOBS, chooseJobFilesPreparation, type JobFilesPreparation, type LaunchPreparerInput } from '../../src/launchers/create-launch-preparer.js';
import type { PlannedJob } from '../../src/run/launch-plan.js';
import { samplePlan } from '../run/support/sample-plan.js';

const plan = samplePlan('/tmp/spectramind-preparer-policy');
const array = (count: number): readonly PlannedJob[] => Array.from({ length: count }, () => plan.jobs[0] as PlannedJob);
const input = (upcoming: LaunchPreparerInput['upcoming'], jobCount: number | null, clearTempFiles = false): LaunchPreparerInput => ({ plan, launcherConfig: {}, upcoming, jobCount, clearTempFiles });
const MANY_CORES = INLINE_MAX_CORES + 2;

describe('chooseJobFilesPreparation', () => {
  const cases: readonly [string, LaunchPreparerInput, number, JobFilesPreparation][] = [
    ['an array of enough jobs gets the worker where a core is left for it', input(array(JOB_FILES_WORKER_MIN_JOBS), JOB_FILES_WORKER_MIN_JOBS), MANY_CORES, 'worker'],
    ['on two cores the launching thread writes ahead itself', input(array(JOB_FILES_WORKER_MIN_JOBS), JOB_FILES_WORKER_MIN_JOBS), INLINE_MAX_CORES, 'inline'],
    ['on one core too', input(array(1000), 1000), 1, 'inline'],
    ['an array too short to repay either goes to the thread pool', input(array(JOB_FILES_WORKER_MIN_JOBS - 1), JOB_FILES_WORKER_MIN_JOBS - 1), MANY_CORES, 'thread-pool'],
    ['... on two cores too', input(array(JOB_FILES_WORKER_MIN_JOBS - 1), JOB_FILES_WORKER_MIN_JOBS - 1), INLINE_MAX_CORES, 'thread-pool'],
    ['a lazy source of 10^6 jobs gets no thread (memory first)', input(() => [], 1_000_000), MANY_CORES, 'thread-pool'],
    ['a lazy source of unknown size gets none', input(() => [], null), MANY_CORES, 'thread-pool'],
    ['a lazy source on two cores is written ahead inline (no thread, no memory)', input(() => [], 1_000_000), INLINE_MAX_CORES, 'inline'],
    ['a resumed launch whose folders are cleared first goes to the thread pool', input(array(100), 100, true), MANY_CORES, 'thread-pool'],
    ['... on two cores too', input(() => [], null, true), INLINE_MAX_CORES, 'thread-pool'],
  ];
  it.each(cases)('%s', (_name, given, cores, expected) => {
    expect(chooseJobFilesPreparation(given, cores)).toBe(expected);
  });
});
