// Compile-time half: `npm run typecheck` covers this file, so each @ts-expect-error below must
// stay an error. Run-time half: the same configs are refused by the schemas.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConfigError, createLauncher, type DryRunResult, type LaunchHandle, type LocalLauncherConfig, type SlurmLauncherConfig } from '../../src/index.js';
import type { Launcher } from '../../src/index.js';

describe('createLauncher types', () => {
  it('gives the resolved config type of the launcher a literal config names', () => {
    const local = createLauncher({ launcher: 'local', max_parallel_jobs: 3 });
    const config: LocalLauncherConfig = local.config;
    expect(config.max_parallel_jobs).toBe(3);
    expectTypeOf(createLauncher({ launcher: 'slurm', partition: 'gpu' }).config).toEqualTypeOf<SlurmLauncherConfig>();
    expectTypeOf(createLauncher().config.launcher).toEqualTypeOf<'basic'>();
  });

  it('refuses a misspelt field or launcher name at compile time and at run time', () => {
    // @ts-expect-error max_paralel_jobs is not a field of the local launcher
    expect(() => createLauncher({ launcher: 'local', max_paralel_jobs: 3 })).toThrow(ConfigError);
    // @ts-expect-error 'locl' is not a launcher
    expect(() => createLauncher({ launcher: 'locl' })).toThrow(/locl/);
    // @ts-expect-error timeout_min takes minutes as a number
    expect(() => createLauncher({ timeout_min: '5' })).toThrow(ConfigError);
    // @ts-expect-error timout_min is not a field of the basic launcher
    expect(() => createLauncher({ timout_min: 5 })).toThrow(ConfigError);
  });

  it('accepts configs whose launcher is only known at run time, checked by the schema', () => {
    const fromFile: { launcher: string; max_parallel_jobs: number } = JSON.parse('{"launcher":"local","max_parallel_jobs":2}');
    const launcher: Launcher = createLauncher(fromFile);
    expect(launcher.config.max_parallel_jobs).toBe(2);
    const byTarget = createLauncher({ _target_: 'hydra._internal.core_plugins.basic_launcher.BasicLauncher', fail_fast: true });
    expect(byTarget.config).toMatchObject({ launcher: 'basic', fail_fast: true });
  });

  it('types launch() by dryRun: true plans, false or absent runs, a boolean is either', () => {
    const launcher = createLauncher();
    const jobs = [{ run: () => 1 }];
    expectTypeOf(launcher.launch(jobs, { dryRun: true })).toEqualTypeOf<DryRunResult>();
    const flag = jobs.length > 5;
    const either = launcher.launch(jobs, { dryRun: flag, cwd: undefined, resume: undefined });
    expectTypeOf(either).toEqualTypeOf<LaunchHandle | DryRunResult>();
    expect('plan' in either).toBe(false);
    return either as LaunchHandle;
  });
});
