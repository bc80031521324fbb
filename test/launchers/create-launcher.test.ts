import { describe, expect, it } from 'vitest';
import { ConfigError, createLauncher, UnknownLauncherError, type LauncherConfigInput } from '../../src/index.js';

function violationsOf(make: () => unknown): { path: string; message: string; value: unknown }[] {
  try {
    make();
  } catch (error) {
    if (error instanceof ConfigError) return error.violations.map((v) => ({ ...v }));
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createLauncher', () => {
  it('defaults to the basic launcher with schema defaults applied', () => {
    const launcher = createLauncher();
    expect(launcher.name).toBe('basic');
    expect(launcher.config).toEqual({ launcher: 'basic', timeout_min: null, fail_fast: false, kill_grace_s: 10, env: {}, max_log_mb: null });
    expect(launcher.hydra.sweep).toEqual({ dir: 'logs/multiruns/${now:%Y-%m-%d}/${now:%H-%M-%S}', subdir: '${hydra.job.num}' });
    expect(launcher.hydra.output_subdir).toBe('.hydra');
  });

  it.each([
    ['a negative max_parallel_jobs', { max_parallel_jobs: -1 }, '/max_parallel_jobs', /must be >= 1/],
    ['a fractional max_parallel_jobs', { max_parallel_jobs: 1.5 }, '/max_parallel_jobs', /must be of type integer/],
    ['a string max_parallel_jobs', { max_parallel_jobs: 'four' }, '/max_parallel_jobs', /integer/],
    ['an unknown field', { max_paralel_jobs: 4 }, '/max_paralel_jobs', /not a known field; known fields: .*max_parallel_jobs/],
    ['a device list with duplicates', { devices: ['0', '0'] }, '/devices', /duplicate/],
  ])('rejects %s naming the JSON path and the value', (_name, fields, path, message) => {
    const violations = violationsOf(() => createLauncher({ launcher: 'local', ...fields } as LauncherConfigInput));
    expect(violations).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });

  it('lists every violation at once, hydra settings included', () => {
    // @ts-expect-error fail_fast is a boolean (the literal config is refused at compile time too)
    const violations = violationsOf(() => createLauncher({ launcher: 'local', max_parallel_jobs: 0, fail_fast: 'yes', hydra: { job: { chdir: 'no' as unknown as boolean } } }));
    expect(violations.map((v) => v.path).sort()).toEqual(['/fail_fast', '/hydra/job/chdir', '/max_parallel_jobs']);
  });

  it('writes the path, the value and the rule into the message', () => {
    expect(() => createLauncher({ launcher: 'local', max_parallel_jobs: -1 })).toThrow('/max_parallel_jobs: must be >= 1 (got -1 (number))');
  });

  it('names the known launchers for an unknown one', () => {
    // @ts-expect-error pbs is no built-in launcher
    expect(() => createLauncher({ launcher: 'pbs' })).toThrow(UnknownLauncherError);
    // @ts-expect-error pbs is no built-in launcher
    expect(() => createLauncher({ launcher: 'pbs' })).toThrow(/Known launchers: basic, local, slurm, kaggle/);
  });

  it.each([
    ['hydra._internal.core_plugins.basic_launcher.BasicLauncher', 'basic'],
    ['hydra_plugins.hydra_submitit_launcher.submitit_launcher.LocalLauncher', 'local'],
    ['hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher', 'local'],
  ])('maps the Hydra plugin %s onto %s', (target, name) => {
    expect(createLauncher({ _target_: target }).name).toBe(name);
  });

  it("maps joblib's n_jobs onto max_parallel_jobs", () => {
    expect(createLauncher({ _target_: 'hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher', n_jobs: 3 }).config.max_parallel_jobs).toBe(3);
  });

  it('accepts a user launcher definition picked by name', async () => {
    const launcher = createLauncher(
      { launcher: 'echo', greeting: 'hi' },
      {
        launchers: [
          {
            name: 'echo',
            schema: { type: 'object', properties: { launcher: {}, greeting: { type: 'string' } }, additionalProperties: false },
            createBackend: (config: { greeting: string }) => ({
              async execute(ctx) {
                for (const job of ctx.plan.jobs) ctx.finishJob(job, { status: 'completed', exitCode: 0, result: `${config.greeting} ${job.num}` }, { durationMs: 0 });
              },
            }),
          },
        ],
      },
    );
    const { dryRun, plan } = launcher.launch([{ command: ['x'] }], { dryRun: true });
    expect(dryRun).toBe(true);
    expect(plan.launcher).toBe('echo');
  });
});
