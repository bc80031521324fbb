import { describe, expect, it } from 'vitest';
import { JOB_FILES_WORKER_MIN_JOBS, usesJobFilesWorker, type LaunchPreparerInput } from '../../src/launchers/create-launch-preparer.js';
import type { PlannedJob } from '../../src/run/launch-plan.js';
import { samplePlan } from '../run/support/sample-plan.js';

const plan = samplePlan('/tmp/spectramind-preparer-policy');
const array = (count: number): readonly PlannedJob[] => Array.from({ length: count }, () => plan.jobs[0] as PlannedJob);
const input = (upcoming: LaunchPreparerInput['upcoming'], jobCount: number | null, clearTempFiles = false): LaunchPreparerInput => ({ plan, launcherConfig: {}, upcoming, jobCount, clearTempFiles });

describe('usesJobFilesWorker', () => {
  const cases: readonly [string, LaunchPreparerInput, boolean][] = [
    ['an array of enough jobs gets the worker', input(array(JOB_FILES_WORKER_MIN_JOBS), JOB_FILES_WORKER_MIN_JOBS), true],
    ['an array too short to repay a thread does not', input(array(JOB_FILES_WORKER_MIN_JOBS - 1), JOB_FILES_WORKER_MIN_JOBS - 1), false],
    ['a lazy source of 10^6 jobs does not (memory first)', input(() => [], 1_000_000), false],
    ['a lazy source of unknown size does not', input(() => [], null), false],
    ['a resumed launch whose folders are cleared first does not', input(array(100), 100, true), false],
  ];
  it.each(cases)('%s', (_name, given, expected) => {
    expect(usesJobFilesWorker(given)).toBe(expected);
  });
});
