import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../src/cli/cli-errors.js';
import { parseCliArgs } from '../../src/cli/parse-cli-args.js';

describe('parseCliArgs', () => {
  const cases: { name: string; argv: string[]; task: string[]; overrides: string[]; flags?: Record<string, unknown> }[] = [
    { name: 'a bare task', argv: ['train'], task: ['train'], overrides: [] },
    {
      name: 'the canonical seed line',
      argv: ['train', '-m', 'hydra/launcher=slurm', 'hydra.launcher.gres=gpu:1', 'model.lr=1e-4,2e-4', 'seed=7,11'],
      task: ['train'],
      overrides: ['hydra/launcher=slurm', 'hydra.launcher.gres=gpu:1', 'model.lr=1e-4,2e-4', 'seed=7,11'],
      flags: { multirun: true },
    },
    { name: 'a task of two words', argv: ['diagnose', 'dashboard', 'seed=1'], task: ['diagnose', 'dashboard'], overrides: ['seed=1'] },
    { name: 'delete and append overrides', argv: ['train', '~trainer.precision', '+extra=1'], task: ['train'], overrides: ['~trainer.precision', '+extra=1'] },
    { name: 'flags anywhere', argv: ['--dry-run', 'train', 'seed=1', '--quiet'], task: ['train'], overrides: ['seed=1'], flags: { dryRun: true, quiet: true } },
    { name: "Hydra's two-letter short forms", argv: ['train', '-cd', 'conf', '-cn', 'main.yaml'], task: ['train'], overrides: [], flags: { configDir: 'conf', configName: 'main' } },
    { name: '--info alone means all of it', argv: ['train', '--info'], task: ['train'], overrides: [], flags: { info: 'all' } },
    { name: '--info with a part', argv: ['train', '--info', 'defaults', 'seed=1'], task: ['train'], overrides: ['seed=1'], flags: { info: 'defaults' } },
    { name: '--cfg with --resolve', argv: ['train', '--cfg', 'hydra', '--resolve'], task: ['train'], overrides: [], flags: { cfg: 'hydra', resolve: true } },
    { name: 'the defaults', argv: ['train'], task: ['train'], overrides: [], flags: { multirun: false, configDir: 'configs', configName: 'config', cfg: null, info: null, dryRun: false, quiet: false, verbose: false } },
  ];
  for (const c of cases) {
    it(`reads ${c.name}`, () => {
      const command = parseCliArgs(c.argv);
      expect(command.kind).toBe('task');
      if (command.kind !== 'task') return;
      expect(command.task).toEqual(c.task);
      expect(command.overrides).toEqual(c.overrides);
      if (c.flags) expect(command.flags).toMatchObject(c.flags);
    });
  }

  it('reads the subcommands with their folder', () => {
    expect(parseCliArgs(['resume', 'logs/multiruns/a/b'])).toMatchObject({ kind: 'resume', dir: 'logs/multiruns/a/b' });
    expect(parseCliArgs(['reproduce', 'x/0', '-q'])).toMatchObject({ kind: 'reproduce', dir: 'x/0', flags: { quiet: true } });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-V'])).toEqual({ kind: 'version' });
  });

  const errors: { name: string; argv: string[]; message: RegExp }[] = [
    { name: 'an unknown flag', argv: ['train', '--frobnicate'], message: /Unknown option '--frobnicate'.*spectramind --help/s },
    { name: 'no task', argv: [], message: /Name a task/ },
    { name: 'overrides without a task', argv: ['seed=1'], message: /Name a task before the overrides/ },
    { name: 'a bad --cfg part', argv: ['train', '--cfg', 'everything'], message: /--cfg takes one of job, hydra, all, got 'everything'/ },
    { name: '--quiet with --verbose', argv: ['train', '-q', '-v'], message: /contradict/ },
    { name: 'resume without a folder', argv: ['resume'], message: /needs a folder: spectramind resume <sweep-dir>/ },
  ];
  for (const c of errors) {
    it(`rejects ${c.name} with a usage error`, () => {
      expect(() => parseCliArgs(c.argv)).toThrow(CliUsageError);
      expect(() => parseCliArgs(c.argv)).toThrow(c.message);
    });
  }
});
