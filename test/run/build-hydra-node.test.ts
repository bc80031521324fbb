import { describe, expect, it } from 'vitest';
import { LAUNCH_VERSION } from '../../src/run/launch-version.js';
import { buildHydraNode, buildLauncherNode } from '../../src/run/snapshots/build-hydra-node.js';
import { toYaml } from '../../src/run/snapshots/to-yaml.js';
import { SAMPLE_LAUNCHER, samplePlan } from './support/sample-plan.js';

const plan = samplePlan('/logs/multiruns/2024-01-05/13-04-09');
const job = plan.jobs[1]!;

describe('buildHydraNode', () => {
  it("lays out hydra.yaml as Hydra does, with the job's runtime facts", () => {
    expect(buildHydraNode(plan, job, SAMPLE_LAUNCHER)).toEqual({
      hydra: {
        run: { dir: 'logs/runs/${now:%Y-%m-%d}/${now:%H-%M-%S}' },
        sweep: { dir: 'logs/multiruns/${now:%Y-%m-%d}/${now:%H-%M-%S}', subdir: '${hydra.job.num}' },
        launcher: { name: 'local', max_parallel_jobs: 2, gpus: null, hub_token: '<redacted>', env: { SECRET_X: '<redacted>', PLAIN: 'p' } },
        mode: 'MULTIRUN',
        output_subdir: '.hydra',
        overrides: { task: ['lr=0.2', 'seed=7', "+tag='a b'"] },
        job: {
          name: 'train',
          chdir: false,
          override_dirname: "+tag='a b',lr=0.2",
          id: 'L1_1',
          num: 1,
          env_set: { OMP_NUM_THREADS: '1', WANDB_API_KEY: '<redacted>' },
          env_copy: ['HOME'],
          config: { override_dirname: { kv_sep: '=', item_sep: ',', exclude_keys: ['seed'] } },
        },
        runtime: { version: LAUNCH_VERSION, cwd: '/work/project', output_dir: '/logs/multiruns/2024-01-05/13-04-09/1' },
      },
    });
  });

  it("records the launch's working directory, not the job's (Hydra's runtime.cwd)", () => {
    const chdirJob = { ...job, cwd: job.outputDir };
    expect(buildHydraNode(plan, chdirJob, SAMPLE_LAUNCHER).hydra.runtime.cwd).toBe('/work/project');
  });

  it('says RUN for a single run', () => {
    expect(buildHydraNode({ ...plan, mode: 'run' }, job, SAMPLE_LAUNCHER).hydra.mode).toBe('RUN');
  });

  it('keeps the key order Hydra writes', () => {
    const yaml = toYaml(buildHydraNode(plan, job, SAMPLE_LAUNCHER));
    const topKeys = yaml.split('\n').filter((line) => /^ {2}\w/.test(line)).map((line) => line.trim().split(':')[0]);
    expect(topKeys).toEqual(['run', 'sweep', 'launcher', 'mode', 'output_subdir', 'overrides', 'job', 'runtime']);
  });

  it('never lets a secret reach the YAML', () => {
    const yaml = toYaml(buildHydraNode(plan, job, SAMPLE_LAUNCHER));
    for (const secret of ['wandb-secret', 'tok-123', 'sx']) expect(yaml).not.toMatch(new RegExp(`\\b${secret}\\b`));
  });
});

describe('buildLauncherNode', () => {
  it('puts the name first and lets it win over a name field of the config', () => {
    const node = buildLauncherNode({ name: 'slurm', config: { partition: 'gpu', name: 'other' } });
    expect(Object.entries(node)).toEqual([
      ['name', 'slurm'],
      ['partition', 'gpu'],
    ]);
  });
});
