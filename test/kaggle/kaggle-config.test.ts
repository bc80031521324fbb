import { describe, expect, it } from 'vitest';
import { ConfigError, createLauncher } from '../../src/index.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { KaggleSweepTooLargeError } from '../../src/launchers/kaggle/kaggle-errors.js';
import { createKaggleLauncher } from '../../src/launchers/kaggle/kaggle-launcher.js';
import { detectKaggle } from '../../src/launchers/kaggle/detect-kaggle.js';

const offKaggle = createKaggleLauncher({ env: () => ({ HOME: '/home/me' }) });
const onKaggle = createKaggleLauncher({ env: () => ({ KAGGLE_KERNEL_RUN_TYPE: 'Batch', KAGGLE_URL_BASE: 'https://www.kaggle.com' }) });
const make = (input: Record<string, unknown> = {}, definition = offKaggle) => createLauncher({ launcher: 'kaggle', ...input }, { launchers: [definition as unknown as LauncherDefinition<never>] });

describe('the kaggle launcher config', () => {
  it('fills the Kaggle defaults: the 9-hour guard, the seed 520-minute budget and the GPU tags', () => {
    expect(make().config).toEqual({
      launcher: 'kaggle',
      timeout_min: 540,
      max_duration_min: 520,
      kill_grace_s: 30,
      fail_fast: false,
      output_root: null,
      env: { KAGGLE: 'true', KAGGLE_GPU: '1' },
      max_sweep_jobs: 8,
      max_log_mb: 10,
      collect: [],
      max_parallel_jobs: 1,
    });
  });

  it('extends the tags with env, and lets env override a tag', () => {
    expect(make({ env: { WANDB_MODE: 'offline', KAGGLE_GPU: 0 } }).config.env).toEqual({ KAGGLE: 'true', KAGGLE_GPU: 0, WANDB_MODE: 'offline' });
  });

  it('hands the tags to every job', () => {
    const dry = make({ env: { EXTRA: 'x' } }).launch([{ command: ['train'] }], { cwd: '/tmp/x', dryRun: true });
    expect(dry.plan.jobs[0]?.env).toMatchObject({ KAGGLE: 'true', KAGGLE_GPU: '1', EXTRA: 'x' });
  });

  it('reads runtime.max_duration_min as the seed spells it', () => {
    expect(make({ runtime: { max_duration_min: 300 } }).config.max_duration_min).toBe(300);
  });

  it('refuses runtime.max_duration_min that disagrees with max_duration_min', () => {
    expect(() => make({ max_duration_min: 100, runtime: { max_duration_min: 300 } })).toThrow(/\/runtime\/max_duration_min: disagrees with max_duration_min \(100\)/);
  });

  it('refuses parallel jobs and says why', () => {
    const error = captureError(() => make({ max_parallel_jobs: 2 }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('ERR_CONFIG');
    expect((error as ConfigError).message).toMatch(/\/max_parallel_jobs: must be 1: a Kaggle session has one GPU.*use the local or slurm launcher.*\(got 2 \(number\)\)/);
  });

  it('reports schema violations with the field and the value', () => {
    expect(() => make({ timeout_min: 0, max_log_mb: 'big', colect: [] })).toThrow(ConfigError);
    const message = captureError(() => make({ timeout_min: 0, max_log_mb: 'big', colect: [] })).message;
    expect(message).toContain('/timeout_min');
    expect(message).toContain('/max_log_mb');
    expect(message).toContain('/colect: is not a known field');
  });

  it('refuses collect patterns that could never match inside a job folder', () => {
    expect(() => make({ collect: ['submission.csv', '../secret', '/etc/passwd'] })).toThrow(/\/collect\/1: must be relative.*\n.*\/collect\/2/);
  });

  it('refuses a sweep larger than max_sweep_jobs before anything runs', () => {
    const jobs = Array.from({ length: 9 }, (_, n) => ({ command: ['train'], overrides: [`seed=${n}`] }));
    const error = captureError(() => make().launch(jobs, { cwd: '/nonexistent', dryRun: true }));
    expect(error).toBeInstanceOf(KaggleSweepTooLargeError);
    expect(error).toMatchObject({ code: 'ERR_KAGGLE_SWEEP_TOO_LARGE', jobCount: 9, maxSweepJobs: 8 });
    expect(error.message).toMatch(/at most max_sweep_jobs=8 jobs per launch, got 9.*narrow the sweep/);
    expect(make({ max_sweep_jobs: 9 }).launch(jobs, { cwd: '/tmp/x', dryRun: true }).plan.jobs).toHaveLength(9);
  });

  it('refuses a relative output root', () => {
    expect(() => make({ output_root: 'working' })).toThrow(/\/output_root: must be an absolute path \(e\.g\. \/kaggle\/working\)/);
  });

  it('uses Kaggle working folder as the output root on Kaggle and the launch cwd elsewhere', () => {
    expect(make({}, onKaggle).config.output_root).toBe('/kaggle/working');
    expect(make({}, offKaggle).config.output_root).toBeNull();
    expect(make({ output_root: '/data/out' }, onKaggle).config.output_root).toBe('/data/out');
    expect(onKaggle.outputRoot(make({}, onKaggle).config as never)).toBe('/kaggle/working');
  });

  it('plans the run folders under Kaggle working folder on Kaggle, and under the launch cwd elsewhere', () => {
    const onPlan = make({}, onKaggle).launch([{ command: ['train'] }], { cwd: '/home/me/project', dryRun: true }).plan;
    expect(onPlan.dir.startsWith('/kaggle/working/logs/runs/')).toBe(true);
    expect(onPlan.jobs[0]?.cwd).toBe('/home/me/project');
    expect(make({}, offKaggle).launch([{ command: ['train'] }], { cwd: '/home/me/project', dryRun: true }).plan.dir.startsWith('/home/me/project/logs/runs/')).toBe(true);
  });

  it('shows the budget in a dry run', () => {
    const dry = make().launch([{ command: ['a'], expected_duration_min: 200 }, { command: ['b'], expected_duration_min: 400 }, { command: ['c'] }], { cwd: '/tmp/x', dryRun: true });
    expect(dry.details).toMatchObject({ budget: { deadlineAfterMin: 520, wallAfterMin: 540, expectedTotalMin: 600, jobsWithoutEstimate: 1, fits: false } });
  });
});

describe('detectKaggle', () => {
  it.each([
    [{ KAGGLE_KERNEL_RUN_TYPE: 'Interactive' }, true],
    [{ KAGGLE_URL_BASE: 'https://www.kaggle.com' }, true],
    [{ KAGGLE: 'true', KAGGLE_GPU: '1' }, false],
    [{ KAGGLE_KERNEL_RUN_TYPE: '' }, false],
    [{}, false],
  ])('reads %j as on Kaggle: %s', (env, expected) => {
    expect(detectKaggle(env)).toBe(expected);
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
