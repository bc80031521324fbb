import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useProjectCopies } from './cli-harness.js';

const copyProject = useProjectCopies();

function onlyFolder(root: string): string {
  const [day] = readdirSync(root);
  const times = readdirSync(join(root, day as string)).sort();
  return join(root, day as string, times.at(-1) as string);
}

describe('spectramind reproduce and report', { timeout: 90_000 }, () => {
  it('reproduce runs one job again from its snapshot, not from the config files as they are now', async () => {
    const project = await copyProject();
    expect((await runCli(['train', '-m', 'model.lr=1e-4,2e-2', 'seed=5'], project)).code).toBe(0);
    const sweep = onlyFolder(join(project, 'logs', 'multiruns'));
    // Someone edits the model after the sweep: the reproduction must not see it.
    const model = join(project, 'configs', 'model', 'v50.yaml');
    writeFileSync(model, readFileSync(model, 'utf8').replace('name: v50', 'name: v51'));
    const run = await runCli(['reproduce', join(sweep.slice(project.length + 1), '1')], project);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Reproducing');
    const again = onlyFolder(join(project, 'logs', 'runs'));
    expect(readFileSync(join(again, 'metrics.json'), 'utf8')).toBe(readFileSync(join(sweep, '1', 'metrics.json'), 'utf8'));
    expect(readFileSync(join(again, '.hydra', 'config.yaml'), 'utf8')).toContain('name: v50');
    expect(readFileSync(join(again, '.hydra', 'overrides.yaml'), 'utf8')).toBe(readFileSync(join(sweep, '1', '.hydra', 'overrides.yaml'), 'utf8'));
    expect(run.stdout).toMatch(/1 job: 1 completed[\s\S]*Run folder: logs\/runs\//);
  });

  it('report writes the HTML report of a sweep folder and prints where', async () => {
    const project = await copyProject();
    expect((await runCli(['ablate', '-m', 'model.encoder.airs=gnn,mlp'], project)).code).toBe(0);
    const sweep = onlyFolder(join(project, 'logs', 'multiruns'));
    const run = await runCli(['report', sweep.slice(project.length + 1)], project);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Report of 2 jobs: logs\/multiruns\/\S+\/report\.html\n$/);
    expect(readFileSync(join(sweep, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });
});
