import { describe, expect, it } from 'vitest';
import { compose } from '../../src/config/compose.js';
import { createLauncherFromConfig } from '../../src/config/create-launcher-from-config.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { createKaggleLauncher } from '../../src/launchers/kaggle/kaggle-launcher.js';

const configDir = new URL('../../examples/kaggle/configs', import.meta.url).pathname;
const launchers = [createKaggleLauncher({ env: () => ({ KAGGLE_KERNEL_RUN_TYPE: 'Interactive' }) }) as unknown as LauncherDefinition<never>];

describe('the documented Kaggle command line', () => {
  it('composes hydra/launcher=kaggle with the task runtime budget into the kaggle launcher', () => {
    const composed = compose({ configDir, overrides: ['hydra/launcher=kaggle', 'pipeline.leaderboard_mode=true', 'runtime.max_duration_min=480'], env: {} });
    const launcher = createLauncherFromConfig(composed, { launchers });
    expect(launcher.name).toBe('kaggle');
    expect(launcher.config).toMatchObject({ timeout_min: 540, max_duration_min: 480, collect: ['submission.csv'], output_root: '/kaggle/working', env: { KAGGLE: true, KAGGLE_GPU: 1 } });
    expect(composed.config).toMatchObject({ pipeline: { leaderboard_mode: true }, runtime: { max_duration_min: 480 } });
  });

  it('keeps the seed budget of 520 minutes when the command line does not change it', () => {
    const launcher = createLauncherFromConfig(compose({ configDir, overrides: [], env: {} }), { launchers });
    expect(launcher.config.max_duration_min).toBe(520);
  });
});
