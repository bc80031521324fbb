import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { probeCluster, useSharedTempDirs } from '../slurm-integration/cluster.js';
import { REPO, jobNumbers, runCli, useProjectCopies } from './cli-harness.js';
import type { CliRun } from './cli-harness.js';

const LINES = readFileSync(join(REPO, 'examples', 'spectramind', 'seed-command-lines.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('spectramind '));
const argsOf = (line: string): string[] => line.split(' ').slice(1);
const copyProject = useProjectCopies();
// The slurm lines copy the project into a folder the cluster shares; those folders go after the file.
const sharedTempDir = useSharedTempDirs();

/** The one run or sweep folder a launch made under logs/. */
function launchFolder(project: string, kind: 'runs' | 'multiruns'): string {
  const root = join(project, 'logs', kind);
  const days = readdirSync(root);
  expect(days).toHaveLength(1);
  const times = readdirSync(join(root, days[0] as string));
  expect(times).toHaveLength(1);
  return join(root, days[0] as string, times[0] as string);
}

const yamlAt = (path: string): unknown => parse(readFileSync(path, 'utf8'));

/** Every job folder holds Hydra's three snapshots plus metadata, and its overrides as expected. */
function expectSnapshots(jobDir: string, overrides: readonly string[]): Record<string, unknown> {
  for (const file of ['config.yaml', 'overrides.yaml', 'hydra.yaml', 'metadata.json']) expect(existsSync(join(jobDir, '.hydra', file)), file).toBe(true);
  expect(yamlAt(join(jobDir, '.hydra', 'overrides.yaml'))).toEqual(overrides);
  return yamlAt(join(jobDir, '.hydra', 'config.yaml')) as Record<string, unknown>;
}

function expectSummary(run: CliRun, jobs: number, folder: 'Run folder' | 'Sweep folder'): void {
  expect(run.stdout).toContain(`${jobs} job${jobs === 1 ? '' : 's'}: ${jobs} completed`);
  expect(run.stdout).toMatch(new RegExp(`${folder}: logs/${folder === 'Run folder' ? 'runs' : 'multiruns'}/\\d{4}-\\d\\d-\\d\\d/\\d\\d-\\d\\d-\\d\\d`));
  expect(run.stdout).not.toContain('\u001b'); // a pipe gets no colour
}

async function runLine(line: string, project: string): Promise<CliRun> {
  const run = await runCli(argsOf(line), project);
  expect(run.stderr, run.stdout).not.toContain('spectramind:'); // no error message
  expect(run.code, `${line}\n${run.stderr}`).toBe(0);
  return run;
}

describe("the seed README's command lines, run as written against a copy of examples/spectramind", { timeout: 120_000 }, () => {
  it('lists ten lines, and docs/cli.md shows every one of them', () => {
    expect(LINES).toHaveLength(10);
    const docs = readFileSync(join(REPO, 'docs', 'cli.md'), 'utf8');
    for (const line of LINES) expect(docs).toContain(line);
  });

  it('spectramind train runs one job on the basic launcher into logs/runs/<date>/<time>/', async () => {
    const project = await copyProject();
    const run = await runLine(LINES[0] as string, project);
    const dir = launchFolder(project, 'runs');
    const config = expectSnapshots(dir, []);
    expect(config).toMatchObject({ seed: 42, model: { name: 'v50' } });
    expect(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'))).toMatchObject({ model: 'v50', seed: 42 });
    expect(run.stdout).toContain('job 0 epoch 5/5'); // one job's output reaches the terminal, as without a launcher
    expectSummary(run, 1, 'Run folder');
    expect((yamlAt(join(dir, '.hydra', 'hydra.yaml')) as { hydra: { launcher: { launcher: string } } }).hydra.launcher.launcher).toBe('basic');
  });

  it('spectramind train with a group choice and value overrides composes them into the snapshot', async () => {
    const project = await copyProject();
    await runLine(LINES[1] as string, project);
    const dir = launchFolder(project, 'runs');
    const config = expectSnapshots(dir, ['data=toy', 'trainer.epochs=5', 'model.lr=3e-4']);
    expect(config).toMatchObject({ data: { name: 'toy', bins: 16 }, trainer: { epochs: 5 }, model: { lr: 3e-4 } });
  });

  it('a local sweep runs six jobs in Hydra order, two at a time, one folder each', async () => {
    const project = await copyProject();
    const run = await runLine(LINES[2] as string, project);
    const dir = launchFolder(project, 'multiruns');
    expect(jobNumbers(readdirSync(dir))).toEqual([0, 1, 2, 3, 4, 5]);
    expectSnapshots(join(dir, '0'), ['model.lr=0.0001', 'seed=7']);
    expectSnapshots(join(dir, '5'), ['model.lr=0.0005', 'seed=11']);
    const hydra = yamlAt(join(dir, 'multirun.yaml')) as { hydra: { launcher: Record<string, unknown>; overrides: { task: string[] } } };
    expect(hydra.hydra.launcher).toMatchObject({ launcher: 'local', max_parallel_jobs: 2 });
    for (const num of [0, 1, 2, 3, 4, 5]) expect(existsSync(join(dir, String(num), 'metrics.json'))).toBe(true);
    expectSummary(run, 6, 'Sweep folder');
    expect(run.stderr).toMatch(/job 5 completed in [\d.]+s exit 0: model\.lr=0\.0005 seed=11/); // plain event lines in a pipe
  });

  it('spectramind train on the kaggle launcher takes runtime.max_duration_min as its budget', async () => {
    const project = await copyProject();
    const run = await runLine(LINES[3] as string, project);
    const dir = launchFolder(project, 'runs');
    expectSnapshots(dir, ['runtime.max_duration_min=60', 'trainer.epochs=10']);
    // hydra.yaml keeps the launcher node as composed (interpolations unresolved, as Hydra's does);
    // the budget the launcher applied is in its summary.
    const hydra = yamlAt(join(dir, '.hydra', 'hydra.yaml')) as { hydra: { launcher: Record<string, unknown> } };
    expect(hydra.hydra.launcher).toMatchObject({ launcher: 'kaggle', max_duration_min: '${oc.select:runtime.max_duration_min,520}' });
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { startedAt: string; deadline: string; deadlineSetBy: string };
    expect(Date.parse(summary.deadline) - Date.parse(summary.startedAt)).toBe(60 * 60_000);
    expect(summary.deadlineSetBy).toBe('max_duration_min');
    expectSummary(run, 1, 'Run folder');
  });

  it('spectramind submit on kaggle writes submission.csv and the launcher collects it', async () => {
    const project = await copyProject();
    await runLine(LINES[4] as string, project);
    const dir = launchFolder(project, 'runs');
    const csv = readFileSync(join(dir, 'submission.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^planet_id,mu_0,/);
    expect(readFileSync(join(project, 'submission.csv'), 'utf8')).toBe(csv); // collected into the output root
    expect(expectSnapshots(dir, ['runtime.max_duration_min=520', 'pipeline.leaderboard_mode=true'])).toMatchObject({ pipeline: { leaderboard_mode: true } });
  });

  it('an ablation sweep on the default launcher runs every encoder combination', async () => {
    const project = await copyProject();
    const run = await runLine(LINES[5] as string, project);
    const dir = launchFolder(project, 'multiruns');
    const arms = jobNumbers(readdirSync(dir)).map((n) => JSON.parse(readFileSync(join(dir, String(n), 'ablation.json'), 'utf8')) as { fgs1: string; airs: string });
    expect(arms.map((a) => `${a.fgs1}/${a.airs}`)).toEqual(['mamba/gnn', 'mamba/mlp', 'mlp/gnn', 'mlp/mlp']);
    expectSummary(run, 4, 'Sweep folder');
  });

  it('an ablation sweep over a config group composes each job with its own model', async () => {
    const project = await copyProject();
    await runLine(LINES[6] as string, project);
    const dir = launchFolder(project, 'multiruns');
    const models = [0, 1, 2, 3].map((n) => expectSnapshots(join(dir, String(n)), (yamlAt(join(dir, String(n), '.hydra', 'overrides.yaml')) as string[])).model);
    expect(models.map((m) => (m as { name: string; dropout: number }).name)).toEqual(['v50', 'v50', 'baseline', 'baseline']);
    expect(models.map((m) => (m as { dropout: number }).dropout)).toEqual([0, 0.2, 0, 0.2]);
    expect((models[2] as { encoder: { fgs1: string } }).encoder.fgs1).toBe('mlp'); // baseline's own file, not v50 with edits
  });

  it('spectramind diagnose dashboard is one task of two words', async () => {
    const project = await copyProject();
    const run = await runLine(LINES[7] as string, project);
    expect(readFileSync(join(launchFolder(project, 'runs'), 'dashboard.html'), 'utf8')).toContain('<th>model</th><td>v50</td>');
    expectSummary(run, 1, 'Run folder');
  });
});

const cluster = probeCluster();
const slurmLines = LINES.filter((line) => line.includes('hydra/launcher=slurm'));

describe('the seed lines for the slurm launcher, on the test cluster', { timeout: 240_000 }, () => {
  if (!cluster.ok) {
    const reason = `no SLURM cluster: ${cluster.reason}. Start it with: eval "$(bash scripts/slurm-dev/up.sh)"`;
    if (process.env.SLURM_REQUIRED === '1') {
      it('needs the SLURM test cluster (SLURM_REQUIRED=1)', () => {
        throw new Error(reason);
      });
    } else {
      console.warn(`[cli] skipping the slurm seed lines: ${reason}; set SLURM_REQUIRED=1 to make this a failure.`);
      it.skip('needs the SLURM test cluster', () => undefined);
    }
    return;
  }

  /** A project copy on the folder the cluster shares, its slurm.yaml sized for this small test node. */
  async function clusterProject(): Promise<string> {
    const project = await copyProject(sharedTempDir('cli'));
    // The seed asks for 32 GB per job; the test node has 16 GB. A site sizes this file, not the command line.
    const file = join(project, 'configs', 'hydra', 'launcher', 'slurm.yaml');
    let text = readFileSync(file, 'utf8').replace(/^mem_gb: .*$/m, 'mem_gb: 1').replace(/^cpus_per_task: .*$/m, 'cpus_per_task: 1');
    // The seed's lines set hydra.launcher.gres, which Hydra only allows when the launcher node
    // has the key; until examples/spectramind's slurm.yaml lists it (helper "seed"), add it here.
    if (!/^gres:/m.test(text)) text += 'gres: null\n';
    writeFileSync(file, text);
    return project;
  }

  it('the canonical line: a 2x2 sweep with a GPU each, as a job array', async () => {
    const project = await clusterProject();
    const run = await runLine(slurmLines[0] as string, project);
    const dir = launchFolder(project, 'multiruns');
    expect(jobNumbers(readdirSync(dir))).toEqual([0, 1, 2, 3]);
    expectSnapshots(join(dir, '3'), ['model.lr=0.0002', 'seed=11']);
    for (const n of [0, 1, 2, 3]) expect(existsSync(join(dir, String(n), 'metrics.json'))).toBe(true);
    const hydra = yamlAt(join(dir, '0', '.hydra', 'hydra.yaml')) as { hydra: { launcher: Record<string, unknown> } };
    expect(hydra.hydra.launcher).toMatchObject({ launcher: 'slurm', gres: 'gpu:1' });
    expectSummary(run, 4, 'Sweep folder');
  });

  it('partition, gres, timeout and array parallelism reach sbatch', async () => {
    const project = await clusterProject();
    const run = await runLine(slurmLines[1] as string, project);
    const dir = launchFolder(project, 'multiruns');
    expect(jobNumbers(readdirSync(dir))).toEqual([0, 1, 2]);
    const hydra = yamlAt(join(dir, 'multirun.yaml')) as { hydra: { launcher: Record<string, unknown> } };
    expect(hydra.hydra.launcher).toMatchObject({ partition: 'gpu', gres: 'gpu:1', timeout_min: 30, array_parallelism: 2 });
    expectSummary(run, 3, 'Sweep folder');
  });
});
