import { join } from 'node:path';
import type { LaunchPlan, PlannedJob } from '../../../src/run/launch-plan.js';
import type { HydraSettings } from '../../../src/run/hydra-settings.js';
import type { RunMetadata } from '../../../src/run/metadata/run-metadata.js';

export const HYDRA_DEFAULTS: HydraSettings = {
  run: { dir: 'logs/runs/${now:%Y-%m-%d}/${now:%H-%M-%S}' },
  sweep: { dir: 'logs/multiruns/${now:%Y-%m-%d}/${now:%H-%M-%S}', subdir: '${hydra.job.num}' },
  output_subdir: '.hydra',
  job: {
    name: 'train',
    chdir: false,
    env_set: { OMP_NUM_THREADS: '1', WANDB_API_KEY: 'wandb-secret' },
    env_copy: ['HOME'],
    override_dirname: { kv_sep: '=', item_sep: ',', exclude_keys: ['seed'] },
  },
};

/** A two-job multirun plan rooted at `dir`, as the launch flow would build it. */
export function samplePlan(dir: string, hydra: HydraSettings = HYDRA_DEFAULTS): LaunchPlan {
  const jobs = [0, 1].map((num): PlannedJob => {
    const outputDir = join(dir, String(num));
    const overrides = [`lr=0.${num + 1}`, 'seed=7', "+tag='a b'"];
    return {
      num,
      id: `L1_${num}`,
      name: 'train',
      overrides,
      overrideDirname: `+tag='a b',lr=0.${num + 1}`,
      config: { lr: num === 0 ? 0.1 : 0.2, seed: 7, tag: 'a b', model: { layers: [1, 2] } },
      outputDir,
      stateDir: hydra.output_subdir === null ? null : join(outputDir, hydra.output_subdir),
      cwd: '/work/project',
      env: {},
      timeoutMs: null,
      expectedDurationMs: null,
      payload: { kind: 'command', argv: ['true'] },
      spec: { command: ['true'] },
    };
  });
  return {
    launchId: 'L1',
    launcher: 'local',
    mode: 'multirun',
    startedAt: new Date(Date.UTC(2024, 0, 5, 13, 4, 9)),
    dir,
    eventsFile: join(dir, 'events.jsonl'),
    cwd: '/work/project',
    hydra,
    jobs,
  };
}

export const SAMPLE_LAUNCHER = { name: 'local', config: { max_parallel_jobs: 2, gpus: null, hub_token: 'tok-123', env: { SECRET_X: 'sx', PLAIN: 'p' } } };

export const SAMPLE_METADATA: RunMetadata = {
  startedAt: '2024-01-05T13:04:09.000Z',
  version: '0.1.0',
  node: 'v20.0.0',
  platform: 'linux',
  arch: 'x64',
  hostname: 'host',
  pid: 42,
  user: 'me',
  cwd: '/work/project',
  argv: ['node', 'launch.js'],
  git: { commit: 'a'.repeat(40), branch: 'main', dirty: false },
  env: { PATH: '/bin', GITHUB_TOKEN: '<redacted>' },
};
