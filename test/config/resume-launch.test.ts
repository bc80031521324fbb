import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher, JobSpecError, launchFromConfig, resumeLaunch, ResumeRebuildError, type LaunchEvent } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

// Every job prints "ran"; the seed=2 job fails until a file named `fixed` exists in the launch cwd.
async function failingSweep(): Promise<{ root: string; out: string }> {
  const root = await tempDir();
  await mkdir(join(root, 'configs'));
  await writeFile(join(root, 'configs', 'config.yaml'), 'seed: 1\n');
  const out = join(root, 'sweep');
  const marker = JSON.stringify(join(root, 'fixed'));
  const result = await launchFromConfig({
    configDir: join(root, 'configs'),
    overrides: ['hydra/launcher=local', 'seed=1,2,3', `hydra.sweep.dir=${out}`],
    multirun: true,
    cwd: root,
    job: (config) => [process.execPath, '-e', `console.log('ran'); process.exitCode = ${config['seed'] === 2 ? `require('node:fs').existsSync(${marker}) ? 0 : 3` : 0}`],
  });
  expect(result.jobs.map((job) => job.status)).toEqual(['completed', 'failed', 'completed']);
  return { root, out };
}

function events(dir: string): LaunchEvent[] {
  return readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LaunchEvent);
}

describe('resumeLaunch', () => {
  it('resumes a sweep from its folder alone: only the failed job runs again, and events.jsonl records it', async () => {
    const { root, out } = await failingSweep();
    writeFileSync(join(root, 'fixed'), '');
    const again = await resumeLaunch(out, { cwd: root });
    expect(again.dir).toBe(out);
    expect(again.ok).toBe(true);
    expect(again.launcher).toBe('local');
    expect(again.jobs.map((job) => job.status)).toEqual(['completed', 'completed', 'completed']);
    for (const num of [0, 2]) expect(readFileSync(join(out, String(num), 'stdout.log'), 'utf8')).toBe('ran\n');
    expect(readFileSync(join(out, '1', 'stdout.log'), 'utf8')).toBe('ran\nran\n');
    const log = events(out);
    expect(log.filter((e) => e.type === 'launch:start')).toHaveLength(2);
    const second = log.slice(log.findLastIndex((e) => e.type === 'launch:start'));
    expect(second.filter((e) => e.type === 'job:start').map((e) => (e.type === 'job:start' ? e.job.num : -1))).toEqual([1]);
    expect(second.filter((e) => e.type === 'job:end').map((e) => (e.type === 'job:end' ? [e.job.num, e.job.overrides, e.status] : []))).toEqual([[1, ['seed=2'], 'completed']]);
  }, 60_000);

  it('plans a dry run of the resume from the folder without running or writing anything', async () => {
    const { out } = await failingSweep();
    const before = readFileSync(join(out, 'events.jsonl'), 'utf8');
    const plan = resumeLaunch(out, { dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.plan.dir).toBe(out);
    expect(plan.plan.launcher).toBe('local');
    expect(plan.plan.jobs.map((job) => [job.outputDir, job.overrides])).toEqual([
      [join(out, '0'), ['seed=1']],
      [join(out, '1'), ['seed=2']],
      [join(out, '2'), ['seed=3']],
    ]);
    expect(readFileSync(join(out, 'events.jsonl'), 'utf8')).toBe(before);
  }, 60_000);

  it('still checks a job list the caller passes against the record', async () => {
    const { out } = await failingSweep();
    expect(() => resumeLaunch(out, { jobs: [{ command: ['true'], overrides: ['seed=9'] }] })).toThrow(JobSpecError);
  }, 60_000);

  it('refuses a folder whose launcher node had a secret redacted, saying what to pass', async () => {
    const cwd = await tempDir();
    const first = await createLauncher({ launcher: 'local', env: { API_TOKEN: 'hunter2hunter2' } }).launch([{ command: ['false'] }], { cwd, mode: 'multirun' });
    expect(first.ok).toBe(false);
    expect(() => resumeLaunch(first.dir)).toThrow(ResumeRebuildError);
    expect(() => resumeLaunch(first.dir)).toThrow(/hydra\.launcher\.env\.API_TOKEN is recorded as <redacted>\. Pass the launcher yourself/);
  }, 60_000);
});
