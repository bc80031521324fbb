import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, useProjectCopies } from './cli-harness.js';

const copyProject = useProjectCopies();

describe('spectramind with a plug-in launcher', { timeout: 90_000 }, () => {
  it('hydra/launcher=<name> loads the launcher its YAML names by _target_, relative to the config folder', async () => {
    const project = await copyProject();
    mkdirSync(join(project, 'launchers'));
    copyFileSync(join(REPO, 'test', 'fixtures', 'launchers', 'one-by-one-launcher.mjs'), join(project, 'launchers', 'one-by-one.mjs'));
    writeFileSync(join(project, 'configs', 'hydra', 'launcher', 'one-by-one.yaml'), '_target_: ../launchers/one-by-one.mjs#oneByOneLauncher\npause_ms: 0\n');
    const run = await runCli(['train', '-m', 'hydra/launcher=one-by-one', 'hydra.launcher.pause_ms=1', 'seed=7,11'], project);
    expect(run.code, run.stderr).toBe(0);
    const day = readdirSync(join(project, 'logs', 'multiruns'))[0] as string;
    const time = readdirSync(join(project, 'logs', 'multiruns', day))[0] as string;
    const sweep = join(project, 'logs', 'multiruns', day, time);
    const hydra = readFileSync(join(sweep, '1', '.hydra', 'hydra.yaml'), 'utf8');
    expect(hydra).toContain('_target_: ../launchers/one-by-one.mjs#oneByOneLauncher');
    expect(hydra).toContain('pause_ms: 1');
    expect(readFileSync(join(sweep, '1', '.hydra', 'overrides.yaml'), 'utf8')).toContain('seed=11');
  });

  it('a _target_ that cannot be loaded is one clear error naming the target and the path tried', async () => {
    const project = await copyProject();
    writeFileSync(join(project, 'configs', 'hydra', 'launcher', 'missing.yaml'), '_target_: ../launchers/nowhere.mjs#pbsLauncher\n');
    const run = await runCli(['train', 'hydra/launcher=missing'], project);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('../launchers/nowhere.mjs#pbsLauncher');
    expect(run.stderr).toContain(join(project, 'launchers', 'nowhere.mjs'));
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
