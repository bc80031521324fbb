import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compose, resolveComposed } from '../../src/config/compose.js';
import { createDirectoryConfigSource } from '../../src/config/directory-config-source.js';
import { createLauncherFromConfig } from '../../src/config/create-launcher-from-config.js';
import { launcherInputFromComposed } from '../../src/config/launcher-input.js';
import { createMemoryConfigSource } from '../../src/config/memory-config-source.js';
import { ConfigError } from '../../src/errors.js';

const here = dirname(fileURLToPath(import.meta.url));
const spectramind = createDirectoryConfigSource(join(here, '..', '..', 'examples', 'spectramind', 'configs'));
const now = new Date(2025, 5, 1, 8, 30, 0);
const env = { SPECTRAMIND_DATA: '/data' };

describe('the SpectraMind example folder composes with every launcher choice', () => {
  const cases: [string, string[], string, Record<string, unknown>][] = [
    ['default.yaml picks basic through its defaults', [], 'default', { launcher: 'basic' }],
    ['basic', ['hydra/launcher=basic'], 'basic', { launcher: 'basic' }],
    ['local', ['hydra/launcher=local'], 'local', { launcher: 'local', max_parallel_jobs: 2 }],
    ['slurm', ['hydra/launcher=slurm'], 'slurm', { launcher: 'slurm', submitit_folder: '${hydra.sweep.dir}/.submitit/%j', name: 'spectramind', timeout_min: 120, gpus_per_node: 1 }],
    ['kaggle', ['hydra/launcher=kaggle'], 'kaggle', { launcher: 'kaggle', timeout_min: 540, env: { KAGGLE: true, KAGGLE_GPU: 1 } }],
  ];
  for (const [title, overrides, choice, fields] of cases) {
    it(`composes and maps hydra/launcher=${title}`, () => {
      const composed = compose({ source: spectramind, overrides, now, env });
      expect(composed.hydra['runtime']).toMatchObject({ choices: { 'hydra/launcher': choice } });
      expect(composed.choices['model']).toBe('v50');
      expect(resolveComposed(composed)['run_name']).toBe('spectramind-v50-v50-s42');
      const { input } = launcherInputFromComposed(composed);
      expect(input).toMatchObject(fields);
      expect(Object.values(input).includes(null)).toBe(false);
    });
  }

  it('keeps ${now:...} and per-job keys in the output path templates for the engine', () => {
    const composed = compose({ source: spectramind, overrides: ['hydra.sweep.subdir=${hydra.job.num}_${hydra.job.override_dirname}_${seed}'], now, env });
    const { input } = launcherInputFromComposed(composed);
    expect(input.hydra).toMatchObject({
      run: { dir: 'logs/runs/${now:%Y-%m-%d}/${now:%H-%M-%S}' },
      sweep: { dir: 'logs/multiruns/${now:%Y-%m-%d}/${now:%H-%M-%S}', subdir: '${hydra.job.num}_${hydra.job.override_dirname}_42' },
      output_subdir: '.hydra',
      job: { name: 'spectramind', chdir: false, env_set: { PYTHONHASHSEED: 42 }, env_copy: [] },
    });
  });

  it('passes every hydra output and job setting to the launcher', () => {
    const composed = compose({
      source: spectramind,
      overrides: ['hydra.output_subdir=null', 'hydra.job.chdir=true', 'hydra.job.env_copy=[HOME_X]', '+hydra.job.env_set.EXTRA=1', 'hydra.run.dir=runs/${seed}'],
      now,
      env: { ...env, HOME_X: '/home/x' },
    });
    const launcher = createLauncherFromConfig(composed);
    expect(launcher.hydra).toMatchObject({
      run: { dir: 'runs/42' },
      output_subdir: null,
      job: { chdir: true, env_copy: ['HOME_X'], env_set: { PYTHONHASHSEED: 42, EXTRA: 1, HOME_X: '/home/x' } },
    });
  });

  it('builds the selected launcher, validated by its schema', () => {
    const launcher = createLauncherFromConfig(compose({ source: spectramind, overrides: ['hydra/launcher=local'], now, env }));
    expect(launcher.name).toBe('local');
    expect(launcher.config).toMatchObject({ max_parallel_jobs: 2 });
    expect(launcher.hydra.job.name).toBe('spectramind');
  });

  it('reports a launcher field its schema rejects as a ConfigError', () => {
    const composed = compose({ source: spectramind, overrides: ['hydra/launcher=local', 'hydra.launcher.max_parallel_jobs=0'], now, env });
    expect(() => createLauncherFromConfig(composed)).toThrow(ConfigError);
  });

  it('plans launches at the composition time, so folders and launcher fields agree', () => {
    const composed = compose({ source: spectramind, overrides: ['hydra.run.dir=out/${hydra.job.name}/${now:%H-%M}'], now, env, cwd: '/tmp' });
    const launcher = createLauncherFromConfig(composed);
    const dry = launcher.launch([{ command: ['true'], config: composed.config }], { dryRun: true, cwd: '/tmp' });
    expect(dry.plan.startedAt).toEqual(now);
    expect(dry.plan.dir).toBe('/tmp/out/spectramind/08-30');
  });
});

describe('launcher configs written for Hydra plugins map onto ours', () => {
  const hydraStyle = createMemoryConfigSource({
    config: 'defaults:\n  - override hydra/launcher: submitit_slurm\n  - _self_\nx: 1\n',
    'hydra/launcher/submitit_slurm':
      '_target_: hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher\nsubmitit_folder: ${hydra.sweep.dir}/.submitit/%j\ntimeout_min: 60\ncpus_per_task: null\ngpus_per_node: null\ntasks_per_node: 1\nmem_gb: null\nnodes: 1\nname: ${hydra.job.name}\npartition: null\nqos: null\ncomment: null\nconstraint: null\nexclude: null\ngres: null\ncpus_per_gpu: null\ngpus_per_task: null\nmem_per_gpu: null\nmem_per_cpu: null\naccount: null\nsignal_delay_s: 120\nmax_num_timeout: 0\nadditional_parameters: {}\narray_parallelism: 256\nsetup: null\n',
    'hydra/launcher/submitit_local':
      '_target_: hydra_plugins.hydra_submitit_launcher.submitit_launcher.LocalLauncher\nsubmitit_folder: ${hydra.sweep.dir}/.submitit/%j\ntimeout_min: 60\ncpus_per_task: 1\ngpus_per_node: 0\ntasks_per_node: 1\nmem_gb: 4\nnodes: 1\nname: ${hydra.job.name}\n',
    'hydra/launcher/joblib':
      "_target_: hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher\nn_jobs: 3\nbackend: null\nprefer: processes\nrequire: null\nverbose: 0\ntimeout: null\npre_dispatch: 2*n_jobs\nbatch_size: auto\ntemp_folder: null\nmax_nbytes: null\nmmap_mode: r\n",
    'hydra/launcher/hydra_basic': '_target_: hydra._internal.core_plugins.basic_launcher.BasicLauncher\n',
  });

  it('passes the submitit SlurmLauncher fields through, nulls dropped, interpolations resolved but the launch folder kept for the backend', () => {
    const composed = compose({ source: hydraStyle, now, env: {}, jobName: 'train' });
    const { input, dropped } = launcherInputFromComposed(composed);
    expect(dropped).toEqual([]);
    expect(input).toMatchObject({
      _target_: 'hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher',
      submitit_folder: '${hydra.sweep.dir}/.submitit/%j',
      name: 'train',
      array_parallelism: 256,
    });
    expect('partition' in input).toBe(false);
  });

  const cases: [string, string, string, Record<string, unknown>][] = [
    ["Hydra's BasicLauncher", 'hydra_basic', 'basic', {}],
    ["joblib's JoblibLauncher (n_jobs)", 'joblib', 'local', { max_parallel_jobs: 3 }],
    ["submitit's LocalLauncher", 'submitit_local', 'local', { timeout_min: 60 }],
  ];
  for (const [title, option, name, config] of cases) {
    it(`builds our ${name} launcher from ${title}`, () => {
      const composed = compose({ source: hydraStyle, overrides: [`hydra/launcher=${option}`], now, env: {} });
      const launcher = createLauncherFromConfig(composed);
      expect(launcher.name).toBe(name);
      expect(launcher.config).toMatchObject(config);
    });
  }
});
