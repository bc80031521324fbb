import { describe, expect, it } from 'vitest';
import { LAUNCH_VERSION } from '../../src/run/launch-version.js';
import { HYDRA_NODE_KEYS, buildHydraNode, buildLauncherNode, recordPayload } from '../../src/run/snapshots/build-hydra-node.js';
import { toYaml } from '../../src/run/snapshots/to-yaml.js';
import { SAMPLE_LAUNCHER, samplePlan } from './support/sample-plan.js';

const plan = samplePlan('/logs/multiruns/2024-01-05/13-04-09');
const job = plan.jobs[1]!;

describe('buildHydraNode', () => {
  it("lays out hydra.yaml as Hydra does, with the job's runtime facts and what it runs", () => {
    expect(buildHydraNode(plan, job, SAMPLE_LAUNCHER)).toEqual({
      hydra: {
        run: { dir: 'logs/runs/${now:%Y-%m-%d}/${now:%H-%M-%S}' },
        sweep: { dir: 'logs/multiruns/${now:%Y-%m-%d}/${now:%H-%M-%S}', subdir: '${hydra.job.num}' },
        launcher: { _target_: 'spectramind_launch.launchers.local', launcher: 'local', max_parallel_jobs: 2, gpus: null, hub_token: '<redacted>', env: { SECRET_X: '<redacted>', PLAIN: 'p' } },
        sweeper: { _target_: 'hydra._internal.core_plugins.basic_sweeper.BasicSweeper', max_batch_size: null, params: null },
        help: {},
        hydra_help: {},
        hydra_logging: {},
        job_logging: {},
        env: {},
        mode: 'MULTIRUN',
        searchpath: [],
        callbacks: {},
        output_subdir: '.hydra',
        overrides: { hydra: ['hydra.mode=MULTIRUN'], task: ['lr=0.2', 'seed=7', "+tag='a b'"] },
        job: {
          name: 'train',
          chdir: false,
          override_dirname: "+tag='a b',lr=0.2",
          id: 'L1_1',
          num: 1,
          config_name: null,
          env_set: { OMP_NUM_THREADS: '1', WANDB_API_KEY: '<redacted>' },
          env_copy: ['HOME'],
          config: { override_dirname: { kv_sep: '=', item_sep: ',', exclude_keys: ['seed'] } },
        },
        runtime: { version: LAUNCH_VERSION, version_base: '1.3', cwd: '/work/project', config_sources: [], output_dir: '/logs/multiruns/2024-01-05/13-04-09/1', choices: {} },
        verbose: false,
      },
      spectramind: { launch_id: plan.launchId, job: recordPayload(job.spec) },
    });
  });

  it("records the launch's working directory, not the job's (Hydra's runtime.cwd)", () => {
    const chdirJob = { ...job, cwd: job.outputDir };
    expect(buildHydraNode(plan, chdirJob, SAMPLE_LAUNCHER).hydra.runtime).toMatchObject({ cwd: '/work/project' });
  });

  it('says RUN for a single run, in mode and in overrides.hydra', () => {
    const node = buildHydraNode({ ...plan, mode: 'run' }, job, SAMPLE_LAUNCHER).hydra;
    expect(node.mode).toBe('RUN');
    expect(node.overrides).toMatchObject({ hydra: ['hydra.mode=RUN'] });
  });

  it('keeps the key order Hydra writes', () => {
    const yaml = toYaml(buildHydraNode(plan, job, SAMPLE_LAUNCHER));
    const topKeys = yaml.split('\n').filter((line) => /^ {2}\w/.test(line)).map((line) => line.trim().split(':')[0]);
    expect(topKeys.slice(0, HYDRA_NODE_KEYS.length)).toEqual([...HYDRA_NODE_KEYS]);
  });

  it('never lets a secret reach the YAML', () => {
    const yaml = toYaml(buildHydraNode(plan, job, SAMPLE_LAUNCHER));
    for (const secret of ['wandb-secret', 'tok-123', 'sx']) expect(yaml).not.toMatch(new RegExp(`\\b${secret}\\b`));
  });

  it("takes a composed job's own hydra node, filling the engine's runtime facts", () => {
    const node = { run: { dir: 'r' }, sweep: { dir: 's', subdir: 'seed_3' }, launcher: { _target_: 'T', launcher: 'local', token: 'tok-123' }, overrides: { hydra: ['hydra/launcher=local'], task: ['seed=3'] }, job: { name: 'x', env_set: { PYTHONHASHSEED: 3 } }, runtime: { choices: { 'hydra/launcher': 'local' } } };
    const composedJob = { ...job, spec: { ...job.spec, hydra: { settings: {}, node } } };
    const built = buildHydraNode(plan, composedJob, SAMPLE_LAUNCHER).hydra;
    expect(built.sweep).toEqual({ dir: 's', subdir: 'seed_3' });
    expect(built.launcher).toEqual({ _target_: 'T', launcher: 'local', token: '<redacted>' });
    expect(built.overrides).toEqual({ hydra: ['hydra/launcher=local', 'hydra.mode=MULTIRUN'], task: ['lr=0.2', 'seed=7', "+tag='a b'"] });
    expect(built.job).toMatchObject({ name: 'train', id: 'L1_1', num: 1, env_set: { PYTHONHASHSEED: '3' } });
    expect(built.runtime).toMatchObject({ choices: { 'hydra/launcher': 'local' }, output_dir: job.outputDir });
  });
});

describe('recordPayload', () => {
  it('records a command as given, a module with its export, and only the kind of a function', () => {
    expect(recordPayload({ command: ['python', 'train.py', 'lr=0.1', '--token=abc'] })).toEqual({ kind: 'command', command: ['python', 'train.py', 'lr=0.1', '--token=<redacted>'] });
    expect(recordPayload({ module: 'jobs/train.ts', timeout_min: 5 })).toEqual({ kind: 'module', module: 'jobs/train.ts', export: 'default', timeout_min: 5 });
    expect(recordPayload({ run: () => 1, env: { API_TOKEN: 'x', A: 'b' } })).toEqual({ kind: 'function', env: { API_TOKEN: '<redacted>', A: 'b' } });
  });
});

describe('buildLauncherNode', () => {
  it("puts _target_ and the launcher's name first and keeps a name field of the config", () => {
    const node = buildLauncherNode({ name: 'slurm', config: { partition: 'gpu', name: 'job-x' } });
    expect(Object.entries(node)).toEqual([
      ['_target_', 'spectramind_launch.launchers.slurm'],
      ['launcher', 'slurm'],
      ['partition', 'gpu'],
      ['name', 'job-x'],
    ]);
  });
});
