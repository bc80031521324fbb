import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { launchFromConfig } from '../../src/index.js';
import { buildHydraNode } from '../../src/run/snapshots/build-hydra-node.js';
import { useTempDirs } from '../support/temp-dir.js';

// Golden key sets of hydra.yaml for the seed's configs. A missing golden file fails the test;
// `UPDATE_GOLDEN=1 npx vitest run test/config/hydra-yaml-golden.test.ts` writes it (review the diff).
const here = dirname(fileURLToPath(import.meta.url));
const configDir = join(here, '..', '..', 'examples', 'spectramind', 'configs');
const goldenFile = join(here, '..', 'fixtures', 'golden', 'spectramind-hydra-yaml-keys.json');
const hydra13 = (JSON.parse(readFileSync(join(here, '..', 'fixtures', 'hydra-1.3', 'hydra-yaml-keys.json'), 'utf8')) as { keys: string[] }).keys;
const tempDir = useTempDirs();

/** Subtrees whose content depends on plugins or the app: leaves in the key set. */
const LEAVES = new Set(['hydra.help', 'hydra.hydra_help', 'hydra.hydra_logging', 'hydra.job_logging', 'hydra.env', 'hydra.callbacks', 'hydra.sweeper.params', 'hydra.job.env_set', 'hydra.runtime.choices', 'hydra.runtime.config_sources', 'hydra.overrides.hydra', 'hydra.overrides.task']);

function keyPaths(node: unknown, prefix: string): string[] {
  if (prefix === 'hydra.launcher') return ['hydra.launcher._target_'].filter(() => typeof (node as Record<string, unknown>)['_target_'] === 'string');
  if (LEAVES.has(prefix) || node === null || typeof node !== 'object' || Array.isArray(node)) return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => keyPaths(value, `${prefix}.${key}`));
}

const launchers = ['basic', 'local', 'slurm', 'kaggle'] as const;

function keysFor(launcher: string, cwd: string): Record<string, string[]> {
  const dry = launchFromConfig({ configDir, overrides: [`hydra/launcher=${launcher}`, 'seed=1,2'], multirun: true, dryRun: true, cwd, job: ['true'], env: {} });
  const node = buildHydraNode(dry.plan, dry.plan.jobs[1]!, { name: dry.plan.launcher, config: {} });
  return { top: Object.keys(node), hydra: keyPaths(node.hydra, 'hydra') };
}

describe("hydra.yaml's key set for the seed's configs", () => {
  it('matches the golden file for every launcher', async () => {
    const cwd = await tempDir();
    const actual = Object.fromEntries(launchers.map((launcher) => [launcher, keysFor(launcher, cwd)]));
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(goldenFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(goldenFile), `missing ${goldenFile}: run with UPDATE_GOLDEN=1 to write it, then review it`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(goldenFile, 'utf8')));
  });

  it("is Hydra 1.3's key set, plus our one documented top-level key", () => {
    const golden = JSON.parse(readFileSync(goldenFile, 'utf8')) as Record<string, { top: string[]; hydra: string[] }>;
    for (const launcher of launchers) {
      expect(golden[launcher]?.top).toEqual(['hydra', 'spectramind']);
      expect([...(golden[launcher]?.hydra ?? [])].sort()).toEqual([...hydra13].sort());
    }
  });

  it('is what a real launch writes', async () => {
    const cwd = await tempDir();
    const result = await launchFromConfig({ configDir, overrides: ['hydra/launcher=local', 'seed=1,2', `hydra.sweep.dir=${join(cwd, 'sweep')}`], multirun: true, cwd, job: ['true'] });
    expect(result.ok).toBe(true);
    const written = parse(readFileSync(join(cwd, 'sweep', '1', '.hydra', 'hydra.yaml'), 'utf8')) as { hydra: Record<string, unknown>; spectramind: unknown };
    const golden = JSON.parse(readFileSync(goldenFile, 'utf8')) as Record<string, { hydra: string[] }>;
    expect(keyPaths(written.hydra, 'hydra')).toEqual(golden['local']?.hydra);
    expect(written.hydra).toMatchObject({
      mode: 'MULTIRUN',
      launcher: { _target_: 'spectramind_launch.launchers.local', launcher: 'local', max_parallel_jobs: 2 },
      overrides: { hydra: ['hydra/launcher=local', `hydra.sweep.dir=${join(cwd, 'sweep')}`, 'hydra.mode=MULTIRUN'], task: ['seed=2'] },
      job: { name: 'spectramind', num: 1, config_name: 'config', env_set: { PYTHONHASHSEED: '${seed}' } },
      runtime: { choices: { data: 'ariel', model: 'v50', trainer: 'default', 'hydra/launcher': 'local' }, output_dir: join(cwd, 'sweep', '1') },
    });
    expect(written.spectramind).toEqual({ launch_id: result.launchId, job: { kind: 'command', command: ['true'] } });
    const multirun = parse(readFileSync(join(cwd, 'sweep', 'multirun.yaml'), 'utf8')) as { hydra: Record<string, unknown>; seed: unknown };
    expect(multirun.hydra['overrides']).toEqual({ hydra: ['hydra/launcher=local', `hydra.sweep.dir=${join(cwd, 'sweep')}`, 'hydra.mode=MULTIRUN'], task: ['seed=1,2'] });
    expect(multirun.hydra['launcher']).toMatchObject({ _target_: 'spectramind_launch.launchers.local' });
    expect(multirun.seed).toBe(42);
  }, 60_000);
});
