import { describe, expect, it } from 'vitest';
import { directiveValue, formatHardRuntime, renderQsubScript } from '../../examples/sge/render-qsub-script.mjs';
import { expectGolden } from './golden.js';

const base = {
  launchId: 'abc123',
  folder: '/data/sweeps/2026-11-30/.sge',
  jobName: 'train',
  array: { offset: 0, count: 10, parallelism: 4 },
  timeMin: 90,
  stderrToStdout: false,
  queue: null,
  project: null,
  parallelEnvironment: null,
  slots: 1,
  resources: {},
  additionalParameters: {},
  setup: [],
  maxNumTimeout: 0,
};

describe('renderQsubScript', () => {
  it('renders an array with -t 1-N -tc K, h_rt with -notify and per-task logs (golden)', () => {
    expectGolden('array.qsub', renderQsubScript(base));
  });

  it('renders queue, project, parallel environment, resources, extra flags, setup and requeues (golden)', () => {
    const script = renderQsubScript({
      ...base,
      array: { offset: 20, count: 3, parallelism: 8 },
      timeMin: 1,
      stderrToStdout: true,
      queue: 'gpu.q@node01',
      project: 'vision',
      parallelEnvironment: 'smp',
      slots: 4,
      resources: { h_vmem: '4G', gpu: 1 },
      additionalParameters: { V: false, now: 'n', R: true },
      setup: ['module load cuda/12'],
      maxNumTimeout: 2,
    });
    expectGolden('everything.qsub', script);
  });

  it('caps -tc at the array size and maps task ids onto job numbers', () => {
    const script = renderQsubScript({ ...base, array: { offset: 7, count: 2, parallelism: 256 } });
    expect(script).toContain('#$ -t 1-2\n#$ -tc 2\n');
    expect(script).toContain('_sm_num=$(( 7 + SGE_TASK_ID - 1 ))');
  });

  it('refuses a folder that qsub would read as more than a path', () => {
    expect(() => renderQsubScript({ ...base, folder: '/tmp/$(rm -rf ~)' })).toThrow(/submitit_folder/);
  });

  it.each([
    ['a newline that would add a script line', 'all.q\nrm -rf /'],
    ['a blank that would add a qsub option', 'all.q -l h_rt=999'],
    ['a $ that qsub would expand', '$HOME'],
    ['a quote', "all'q"],
  ])('refuses %s in a #$ value, naming the field', (_, value) => {
    expect(() => renderQsubScript({ ...base, queue: value })).toThrow(expect.objectContaining({ code: 'ERR_BATCH_SCRIPT_VALUE', field: 'hydra.launcher.queue' }));
  });

  it('refuses an unsafe resource name as well as an unsafe value', () => {
    expect(() => renderQsubScript({ ...base, resources: { 'h_vmem=1 -q x': '1' } })).toThrow(/hydra\.launcher\.resources/);
    expect(() => directiveValue('f', 'ok_value-1.2,3:4=5/6')).not.toThrow();
  });

  it('formats h_rt as H:MM:SS', () => {
    expect(formatHardRuntime(60)).toBe('0:01:00');
    expect(formatHardRuntime(90 * 60)).toBe('1:30:00');
    expect(formatHardRuntime(3 * 86400 + 5)).toBe('72:00:05');
  });
});
