import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchFromConfig } from '../../src/index.js';
import { JobSpecError } from '../../src/errors.js';
import { jobScript, useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** A config folder with `seed: 1` and an env_set that reads the seed, as the seed's example does. */
async function seedFolder(extra = ''): Promise<{ configDir: string; out: string }> {
  const dir = await tempDir();
  const configDir = join(dir, 'configs');
  await mkdir(configDir, { recursive: true });
  await writeFile(join(configDir, 'config.yaml'), `seed: 1\nhydra:\n  job:\n    env_set:\n      PYTHONHASHSEED: \${seed}\n${extra}`);
  return { configDir, out: join(dir, 'sweep') };
}

function jobLines(dir: string): { env: Record<string, string>; config: string }[] {
  return readFileSync(join(dir, 'stdout.log'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { env: Record<string, string>; config: string });
}

describe('launchFromConfig', () => {
  it('gives every job of a sweep its own folder from a subdir that interpolates a job value', async () => {
    const { configDir, out } = await seedFolder();
    const result = await launchFromConfig({
      configDir,
      overrides: ['seed=1,2,3', 'hydra/launcher=local', 'hydra.sweep.subdir=seed_${seed}', `hydra.sweep.dir=${out}`],
      multirun: true,
      job: [process.execPath, jobScript('echo-env.mjs')],
    });
    expect(result.counts.completed).toBe(3);
    expect(readdirSync(out).filter((name) => name.startsWith('seed_')).sort()).toEqual(['seed_1', 'seed_2', 'seed_3']);
    for (const seed of [1, 2, 3]) {
      const folder = join(out, `seed_${seed}`);
      // One job's output per folder, and that job's own overrides.
      expect(jobLines(folder)).toHaveLength(1);
      expect(readFileSync(join(folder, '.hydra', 'overrides.yaml'), 'utf8')).toBe(`- seed=${seed}\n`);
    }
  }, 60_000);

  it('resolves hydra.job.env_set against each job, so PYTHONHASHSEED follows the seed', async () => {
    const { configDir, out } = await seedFolder();
    const result = await launchFromConfig({
      configDir,
      overrides: ['seed=5,6', `hydra.sweep.dir=${out}`],
      multirun: true,
      job: [process.execPath, '-e', 'console.log(JSON.stringify({ env: { PYTHONHASHSEED: process.env.PYTHONHASHSEED } }))'],
    });
    expect(result.ok).toBe(true);
    expect([0, 1].map((num) => jobLines(join(out, String(num)))[0]?.env['PYTHONHASHSEED'])).toEqual(['5', '6']);
  }, 60_000);

  it('refuses, before anything runs, two jobs whose folders resolve to the same path', async () => {
    const { configDir, out } = await seedFolder();
    const launch = () =>
      launchFromConfig({ configDir, overrides: ['seed=1,2', 'hydra.sweep.subdir=fixed', `hydra.sweep.dir=${out}`], multirun: true, job: ['true'] });
    expect(launch).toThrow(JobSpecError);
    expect(launch).toThrow(/Jobs 0 \(seed=1\) and 1 \(seed=2\) would both write to ".*\/sweep\/fixed"/);
    expect(() => readdirSync(out)).toThrow(/ENOENT/);
  });

  it('builds each job from a function of its resolved config', async () => {
    const { configDir, out } = await seedFolder();
    const plan = launchFromConfig({
      configDir,
      overrides: ['seed=3,4', `hydra.sweep.dir=${out}`],
      multirun: true,
      dryRun: true,
      job: (config) => ['train', `--seed=${String(config['seed'])}`],
    }).plan;
    expect(plan.jobs.map((job) => job.payload)).toEqual([
      { kind: 'command', argv: ['train', '--seed=3'] },
      { kind: 'command', argv: ['train', '--seed=4'] },
    ]);
    expect(plan.mode).toBe('multirun');
    expect(plan.dir).toBe(out);
  });

  it('launches one job into the run folder without multirun', async () => {
    const { configDir, out } = await seedFolder();
    const result = await launchFromConfig({ configDir, overrides: ['seed=9', `hydra.run.dir=${out}`], job: [process.execPath, jobScript('echo-env.mjs')] });
    expect(result.mode).toBe('run');
    expect(jobLines(out)[0]?.config).toContain('seed: 9');
  }, 60_000);
});

describe('a sweep launched from one shared hydra node', () => {
  it('is refused instead of writing every job into the first job\'s folder', async () => {
    const { createComposer, createLauncherFromConfig } = await import('../../src/index.js');
    const { configDir, out } = await seedFolder();
    const composer = createComposer({ configDir });
    const overrides = ['seed=1,2,3', 'hydra/launcher=local', 'hydra.sweep.subdir=seed_${seed}', `hydra.sweep.dir=${out}`];
    const sweep = composer.compose({ overrides, mode: 'multirun' });
    const jobs = [1, 2, 3].map((seed) => ({ overrides: [`seed=${seed}`], config: composer.compose({ overrides: [`seed=${seed}`] }).config, command: ['true'] }));
    expect(() => createLauncherFromConfig(sweep).launch(jobs)).toThrow(/Jobs 0 \(seed=1\) and 1 \(seed=2\) would both write to ".*seed_1"/);
  });
});
