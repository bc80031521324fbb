import { describe, expect, it } from 'vitest';
import { renderJobScript } from '../../src/scheduler/render-job-script.js';
import { renderSbatchScript, type SbatchScriptSpec } from '../../src/launchers/slurm/render-sbatch-script.js';
import { sbatchFlags } from '../../src/launchers/slurm/sbatch-flags.js';
import { DEFAULT_CONFIG } from './fixtures.js';
import { golden } from './golden.js';

const baseSpec: SbatchScriptSpec = {
  launchId: 'abc123',
  folder: '/shared/multirun/2026-01-01/12-00-00/.submitit',
  flags: sbatchFlags(DEFAULT_CONFIG, { jobName: 'my_app', timeMin: 60 }),
  array: { offset: 0, count: 10, parallelism: 256 },
  stderrToStdout: false,
  setup: [],
  useSrun: true,
  srunArgs: [],
  signal: 'USR2',
  signalDelayS: 120,
  maxNumTimeout: 0,
};

describe('renderSbatchScript', () => {
  it('renders the defaults as the golden script', () => {
    const script = renderSbatchScript(baseSpec);
    expect(script).toBe(golden('defaults.sbatch', script));
  });

  it('renders the seed command line (gpu partition, gres, cpus, mem, 600 min, nodelist, qos, account) as the golden script', () => {
    const config = {
      ...DEFAULT_CONFIG,
      partition: 'gpu',
      gres: 'gpu:1',
      cpus_per_task: 8,
      mem_gb: 32,
      timeout_min: 600,
      nodelist: 'node[01-02]',
      qos: 'high',
      account: 'spectramind',
      array_parallelism: 4,
      max_num_timeout: 3,
      stderr_to_stdout: true,
      additional_parameters: { mail_type: 'END', exclusive: true, hint: false },
      setup: ['module load cuda/12', 'source ~/venv/bin/activate'],
      srun_args: ['--cpu-bind=none'],
    };
    const script = renderSbatchScript({
      ...baseSpec,
      flags: sbatchFlags(config, { jobName: 'train', timeMin: 600 }),
      array: { offset: 10000, count: 20, parallelism: 4 },
      stderrToStdout: true,
      setup: config.setup,
      srunArgs: config.srun_args,
      maxNumTimeout: 3,
    });
    expect(script).toBe(golden('seed-gpu.sbatch', script));
  });

  it('renders a job without srun, with a single task array and a short signal delay, as the golden script', () => {
    const script = renderSbatchScript({ ...baseSpec, useSrun: false, array: { offset: 3, count: 1, parallelism: 256 }, signal: 'USR1', signalDelayS: 10 });
    expect(script).toBe(golden('no-srun.sbatch', script));
  });

  it('caps the array throttle at the number of tasks', () => {
    expect(renderSbatchScript({ ...baseSpec, array: { offset: 0, count: 3, parallelism: 256 } })).toContain('#SBATCH --array=0-2%3\n');
  });

  it('points stderr at the stdout file when stderr_to_stdout is set', () => {
    const script = renderSbatchScript({ ...baseSpec, stderrToStdout: true });
    expect(script).toContain('#SBATCH --error="/shared/multirun/2026-01-01/12-00-00/.submitit/%A_%a.out"');
  });
});

describe('renderJobScript', () => {
  it('renders cd, sorted exports and the argv array as the golden job file', () => {
    const text = renderJobScript({
      num: 7,
      id: 'abc123_7',
      cwd: '/home/me/project',
      env: { SPECTRAMIND_JOB_NUM: '7', SPECTRAMIND_JOB_ID: 'abc123_7', A_QUOTE: "it's" },
      argv: ['node', '/pkg/dist/job/module-worker.js', 'file:///home/me/train.mjs', 'default'],
    });
    expect(text).toBe(golden('job.sh', text));
  });

  it('refuses an environment variable name that is not a shell name', () => {
    expect(() => renderJobScript({ num: 0, id: 'x', cwd: '/', env: { 'BAD-NAME': '1' }, argv: ['true'] })).toThrow(/BAD-NAME.*letters, digits and _/);
  });
});
