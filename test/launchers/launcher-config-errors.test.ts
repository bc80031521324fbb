import { describe, expect, it } from 'vitest';
import { ConfigError, createLauncher, UnknownLauncherError } from '../../src/index.js';

function violation(make: () => unknown): { path: string; message: string; value: unknown } {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('ERR_CONFIG');
    const [first] = (error as ConfigError).violations;
    if (first === undefined) throw new Error('a ConfigError without violations');
    return first;
  }
  throw new Error('expected a ConfigError');
}

describe('createLauncher on config gaps', () => {
  it.each([
    ['max_parallel_jobs: Infinity', { launcher: 'local', max_parallel_jobs: Infinity }, '/max_parallel_jobs', /finite/],
    ['launcher: null', { launcher: null }, '/launcher', /launcher name/],
    ['launcher: []', { launcher: [] }, '/launcher', /launcher name/],
    ['launcher: ""', { launcher: '' }, '/launcher', /launcher name/],
    ['a _target_ naming another launcher', { launcher: 'local', _target_: 'hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher' }, '/_target_', /slurm launcher but "launcher" says "local"/],
    ["joblib n_jobs: 'x'", { _target_: 'hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher', n_jobs: 'x' }, '/n_jobs', /positive integer/],
    ['joblib n_jobs: 0', { _target_: 'hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher', n_jobs: 0 }, '/n_jobs', /-1 for every core/],
  ])('turns %s into a ConfigError naming the field, the value and the fix', (_name, input, path, message) => {
    const found = violation(() => createLauncher(input as never));
    expect(found.path).toBe(path);
    expect(found.message).toMatch(message);
  });

  it('reports createLauncher(null) and createLauncher("local") as one violation at the root', () => {
    expect(violation(() => createLauncher(null as never))).toMatchObject({ path: '/', value: null });
    const local = violation(() => createLauncher('local' as never));
    expect(local).toMatchObject({ path: '/', value: 'local' });
    expect(local.message).toContain("createLauncher({ launcher: \"local\" })");
  });

  it('reads joblib n_jobs: -1 as every core and -2 as all but one', () => {
    const target = 'hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher';
    const all = createLauncher({ _target_: target, n_jobs: -1 }).config.max_parallel_jobs as number;
    expect(all).toBeGreaterThanOrEqual(1);
    expect(createLauncher({ _target_: target, n_jobs: -2 }).config.max_parallel_jobs).toBe(Math.max(1, all - 1));
  });

  it('refuses detach: true on a launcher that cannot detach', () => {
    const launcher = createLauncher({ launcher: 'local' });
    const found = violation(() => launcher.launch([{ command: ['true'] }], { detach: true }));
    expect(found).toMatchObject({ path: '/detach', value: true });
    expect(found.message).toMatch(/cannot detach.*slurm/);
  });

  it('checks launch options once, naming the option', () => {
    const launcher = createLauncher({ launcher: 'basic' });
    expect(violation(() => launcher.launch([{ command: ['true'] }], { mode: 'sweep' as never }))).toMatchObject({ path: '/mode', value: 'sweep' });
    expect(violation(() => launcher.launch([{ command: ['true'] }], { streamOutput: 'yes' as never }))).toMatchObject({ path: '/streamOutput' });
  });

  it('names the real ways to add a launcher in UnknownLauncherError', () => {
    let error: unknown;
    try {
      // @ts-expect-error pbs is no built-in launcher
      createLauncher({ launcher: 'pbs' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UnknownLauncherError);
    expect(error).toMatchObject({ code: 'ERR_UNKNOWN_LAUNCHER', launcher: 'pbs' });
    const message = (error as Error).message;
    expect(message).not.toContain('registerLauncher');
    expect(message).toContain('createLauncher(config, { launchers: [yourLauncher] })');
    expect(message).toContain('createLauncherFromConfig');
  });
});
