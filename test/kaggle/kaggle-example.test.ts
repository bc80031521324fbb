import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { KaggleSummary } from '../../src/launchers/kaggle/build-kaggle-summary.js';
import { useTempDirs } from '../support/temp-dir.js';

const run = promisify(execFile);
const example = new URL('../../examples/kaggle/run-kaggle.mjs', import.meta.url).pathname;

// Runs the shipped example against the built package (dist), as a user would.
describe('the Kaggle-style example run', () => {
  const tempDir = useTempDirs();

  it('ends with its submission bundle and summary in the output root', async () => {
    const root = await tempDir();
    const { stdout } = await run(process.execPath, [example, 'hydra/launcher=kaggle', 'pipeline.leaderboard_mode=true', 'runtime.max_duration_min=520'], {
      env: { ...process.env, OUTPUT_ROOT: root, KAGGLE_KERNEL_RUN_TYPE: '' },
    });
    expect(stdout).toContain('job 1 skipped-by-budget: not started: it needs about 10 h (its expected_duration_min)');
    expect(stdout).toContain('bundle:     submission.csv (from job 2)');
    expect(readFileSync(join(root, 'submission.csv'), 'utf8')).toMatch(/^planet_id,wl_1,wl_2,wl_3\nplanet_0,/);
    const dir = /run folder: (\S+)/.exec(stdout)?.[1] ?? '';
    const summary = JSON.parse(readFileSync(join(root, dir, 'summary.json'), 'utf8')) as KaggleSummary;
    expect(summary).toMatchObject({ outputRoot: root, counts: { completed: 2, skipped: 1 }, artifacts: { collected: [{ path: join(root, 'submission.csv'), job: 2 }] } });
    expect(existsSync(join(root, dir, 'events.jsonl'))).toBe(true);
  });
});
