import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'compose-sweep-'));
// A fresh folder: the engine never reuses an existing sweep folder.
const out = join(tmp, 'sweep');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('examples/compose-sweep.ts', () => {
  it('composes, expands and launches a real sweep of the SpectraMind folder', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'examples/compose-sweep.ts', 'model.lr=1e-3,1e-4', 'seed=7', 'hydra/launcher=local', `hydra.sweep.dir=${out}`],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('local: 2/2 jobs completed');
    expect(readdirSync(out).filter((name) => /^\d+$/.test(name)).sort()).toEqual(['0', '1']);
    const metrics = [0, 1].map((num) => JSON.parse(readFileSync(join(out, String(num), 'metrics.json'), 'utf8')) as { run_name: string; loss: number });
    expect(metrics.map((m) => m.run_name)).toEqual(['spectramind-v50-v50-s7', 'spectramind-v50-v50-s7']);
    // The job saw its own learning rate: the stand-in loss is |log10(lr) + 3| + (seed % 7)/100 + 1/epochs.
    expect(metrics.map((m) => Number(m.loss.toFixed(2)))).toEqual([0.02, 1.02]);
    // The snapshot keeps interpolations, as Hydra's config.yaml does; overrides.yaml has the task overrides only.
    expect(readFileSync(join(out, '0', '.hydra', 'config.yaml'), 'utf8')).toContain('run_name: ${experiment}-${model.name}-s${seed}');
    expect(readFileSync(join(out, '0', '.hydra', 'overrides.yaml'), 'utf8')).toBe('- model.lr=0.001\n- seed=7\n');
  }, 120_000);
});
