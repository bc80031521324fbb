import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO, runCli, useProjectCopies } from './cli-harness.js';

const copyProject = useProjectCopies();

describe('errors a person can act on', { timeout: 60_000 }, () => {
  const cases: { name: string; args: string[]; code: number; message: RegExp; setup?: (project: string) => void }[] = [
    { name: 'an unknown task lists the known ones', args: ['trian'], code: 2, message: /^spectramind: Unknown task 'trian'\. Did you mean 'train'\? Known tasks: train, ablate, submit, diagnose dashboard\.$/m },
    { name: 'an override that does not parse shows the caret under the column', args: ['train', 'model.lr=[1,2'], code: 2, message: /at column 14: .*\n {2}model\.lr=\[1,2\n {15}\^\n/ },
    { name: 'a sweep without -m says to add it', args: ['train', 'seed=1,2'], code: 2, message: /add -m \(--multirun\) to sweep/ },
    { name: 'a key the config lacks names the closest one', args: ['train', 'modle.lr=1'], code: 3, message: /Could not override 'modle\.lr'[\s\S]*Did you mean model\.lr\?/ },
    {
      name: 'a launcher field that is not in the launcher config names the closest one',
      args: ['train', 'hydra/launcher=slurm', 'hydra.launcher.partiton=gpu'],
      code: 3,
      message: /Did you mean hydra\.launcher\.partition\?/,
    },
    {
      name: "a launcher field the launcher's schema rejects names the closest known fields",
      args: ['train', 'hydra/launcher=slurm', '+hydra.launcher.partiton=gpu', '--dry-run'],
      code: 3,
      message: /hydra\.launcher\.partiton is not a known field: did you mean partition\?/,
    },
    {
      name: 'a broken config file is named with its line',
      args: ['train'],
      code: 3,
      message: /Invalid config file .*configs\/model\/v50\.yaml:\d+:\d+/,
      setup: (project) => writeFileSync(join(project, 'configs', 'model', 'v50.yaml'), 'name: v50\nlr: [1, 2\n'),
    },
    { name: 'an interpolation that cannot resolve names its key', args: ['train', '+broken=${nope.key}', '--cfg', 'job', '--resolve'], code: 3, message: /Cannot resolve 'broken'/ },
    { name: 'an unknown flag points at --help', args: ['train', '--frobnicate'], code: 2, message: /Unknown option '--frobnicate'.*spectramind --help/ },
    { name: 'reproduce of a folder that is not a job folder says what to pass', args: ['reproduce', 'logs/runs/x'], code: 2, message: /is not a job folder: it has no \.hydra\/config\.yaml/ },
    { name: 'report of a folder without a launch says what to pass', args: ['report', 'configs'], code: 2, message: /No launch is recorded in .*events\.jsonl/ },
  ];
  for (const c of cases) {
    it(`${c.name} (exit ${c.code}, no stack trace)`, async () => {
      const project = await copyProject();
      c.setup?.(project);
      const run = await runCli(c.args, project);
      expect(run.stderr).toMatch(c.message);
      expect(run.code).toBe(c.code);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(join(project, 'logs'))).toBe(false); // nothing launched
    });
  }

  it('--verbose adds the stack trace', async () => {
    const project = await copyProject();
    const run = await runCli(['trian', '--verbose'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^\s+at /m);
    expect(run.stderr).toContain('code: ERR_UNKNOWN_TASK');
  });
});

describe('looking before launching', { timeout: 60_000 }, () => {
  it('--cfg job prints the composed job config as YAML, interpolations kept', async () => {
    const project = await copyProject();
    const run = await runCli(['train', 'model=baseline', 'seed=3', '--cfg', 'job'], project);
    expect(run.code).toBe(0);
    const config = parse(run.stdout) as Record<string, unknown>;
    expect(config).toMatchObject({ seed: 3, model: { name: 'baseline' }, run_name: '${experiment}-${model.name}-s${seed}' });
    expect(config).not.toHaveProperty('hydra');
  });

  it('--cfg all --resolve resolves values and adds the hydra node', async () => {
    const project = await copyProject();
    const run = await runCli(['train', 'seed=3', '--cfg', 'all', '--resolve'], project);
    const config = parse(run.stdout) as { run_name: string; hydra: { job: { name: string }; launcher: { launcher: string } } };
    expect(config.run_name).toBe('spectramind-v50-v50-s3');
    expect(config.hydra.job.name).toBe('spectramind');
    expect(config.hydra.launcher.launcher).toBe('basic');
  });

  it('--info prints the search path, the defaults list, the choices and the launcher chosen', async () => {
    const project = await copyProject();
    const run = await runCli(['train', 'hydra/launcher=local', '--info'], project);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Config search path\n  provider=main, path=file://${project}/configs`);
    expect(run.stdout).toMatch(/hydra\/launcher\/local\s+hydra\.launcher\s+hydra\/launcher/);
    expect(run.stdout).toContain('  model: v50');
    expect(run.stdout).toMatch(/Launcher: local\n(?: {2}\S.*\n)* {2}max_parallel_jobs: 2\n/);
  });

  it('--dry-run prints each job with its folder and command, and the sbatch script for slurm, writing nothing', async () => {
    const project = await copyProject();
    const run = await runCli(['train', '-m', 'hydra/launcher=slurm', '+hydra.launcher.gres=gpu:1', 'seed=7,11', '--dry-run'], project);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Dry run: 2 jobs on the slurm launcher \(multirun\)/);
    expect(run.stdout).toMatch(/job 1: seed=11\n {2}folder: {2}logs\/multiruns\/\S+\/1\n {2}command: \S+node \S+module-worker\.js file:\/\/\S+\/tasks\/train\.mjs default/);
    expect(run.stdout).toContain('#SBATCH --gres="gpu:1"');
    expect(run.stdout).toContain('#SBATCH --array=0-1');
    expect(existsSync(join(project, 'logs'))).toBe(false);
  });

  it('--help lists every flag and the exit codes; --version prints the package version', async () => {
    const project = await copyProject();
    const help = await runCli(['--help'], project);
    for (const flag of ['--multirun', '--config-dir', '--config-name', '--cfg', '--resolve', '--info', '--dry-run', '--quiet', '--verbose', '--version']) expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain('130 cancelled');
    const version = await runCli(['--version'], project);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
