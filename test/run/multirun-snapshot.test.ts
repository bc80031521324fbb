import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildMultirunNode, writeMultirunSnapshot } from '../../src/run/multirun-snapshot.js';
import { SAMPLE_LAUNCHER, samplePlan } from './support/sample-plan.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('buildMultirunNode', () => {
  const plan = samplePlan('/logs/multiruns/x');

  it('puts the hydra node first, with the sweep overrides as typed, then the config', () => {
    const node = buildMultirunNode(plan, SAMPLE_LAUNCHER, { overrides: ['lr=0.1,0.2', 'seed=7'], config: { lr: 0.1, seed: 7 } });
    expect(Object.keys(node)).toEqual(['hydra', 'lr', 'seed']);
    expect(node.hydra).toMatchObject({
      mode: 'MULTIRUN',
      overrides: { hydra: ['hydra.mode=MULTIRUN'], task: ['lr=0.1,0.2', 'seed=7'] },
      sweep: { dir: plan.hydra.sweep.dir, subdir: '${hydra.job.num}' },
      launcher: { _target_: 'spectramind_launch.launchers.local', launcher: 'local', hub_token: '<redacted>' },
      job: { name: 'train', env_set: { WANDB_API_KEY: '<redacted>' } },
      runtime: { cwd: '/work/project', sweep_dir: '/logs/multiruns/x' },
    });
  });

  it("splits the sweep's overrides as Hydra does and takes a composed master hydra node", () => {
    const node = buildMultirunNode(plan, SAMPLE_LAUNCHER, {
      overrides: ['hydra/launcher=local', 'seed=1,2', 'hydra.sweep.subdir=s_${seed}'],
      config: { seed: 1, api_token: 'tok-123' },
      hydra: { launcher: { _target_: 'T', launcher: 'local' }, runtime: { choices: { 'hydra/launcher': 'local' } }, job: { name: 'app', env_set: { A_SECRET: 'x' } } },
    });
    expect(node.hydra).toMatchObject({
      launcher: { _target_: 'T', launcher: 'local' },
      overrides: { hydra: ['hydra/launcher=local', 'hydra.sweep.subdir=s_${seed}', 'hydra.mode=MULTIRUN'], task: ['seed=1,2'] },
      runtime: { choices: { 'hydra/launcher': 'local' }, sweep_dir: '/logs/multiruns/x' },
      job: { name: 'app', env_set: { A_SECRET: '<redacted>' } },
    });
    expect(node['api_token']).toBe('<redacted>');
  });

  it("ignores a hydra key inside the config rather than losing the launch's", () => {
    const node = buildMultirunNode(plan, SAMPLE_LAUNCHER, { overrides: [], config: { hydra: { mode: 'RUN' }, a: 1 } });
    expect(node.hydra).toMatchObject({ mode: 'MULTIRUN' });
    expect(node.a).toBe(1);
  });
});

describe('writeMultirunSnapshot', () => {
  it('writes multirun.yaml into the sweep folder and nothing else', async () => {
    const dir = await tempDir();
    const node = buildMultirunNode(samplePlan(dir), SAMPLE_LAUNCHER, { overrides: ['seed=1,2'] });
    await writeMultirunSnapshot(dir, node);
    expect(await readdir(dir)).toEqual(['multirun.yaml']);
    const text = await readFile(join(dir, 'multirun.yaml'), 'utf8');
    expect(parse(text)).toEqual(node);
    expect(text).not.toContain('wandb-secret');
  });
});
