import { appendFileSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchFromConfig, readLaunch, reproduce } from '../../src/index.js';
import { jobScript, useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

async function sweep(): Promise<{ root: string; out: string }> {
  const root = await tempDir();
  await mkdir(join(root, 'configs'));
  await writeFile(join(root, 'configs', 'config.yaml'), 'seed: 1\nname: run-${seed}\n');
  const out = join(root, 'sweep');
  const result = await launchFromConfig({ configDir: join(root, 'configs'), overrides: ['seed=1,2', `hydra.sweep.dir=${out}`], multirun: true, cwd: root, job: [process.execPath, jobScript('echo-env.mjs')] });
  expect(result.ok).toBe(true);
  return { root, out };
}

describe('readLaunch', () => {
  it('reads a sweep folder back: jobs, overrides, config, what each ran and its status, past a torn last line', async () => {
    const { out } = await sweep();
    appendFileSync(join(out, 'events.jsonl'), '{"type":"job:en');
    const launch = readLaunch(out);
    expect(launch.mode).toBe('multirun');
    expect(launch.events.torn).not.toBeNull();
    expect(launch.jobs.map((job) => [job.num, job.overrides, job.config['seed'], job.status])).toEqual([
      [0, ['seed=1'], 1, 'completed'],
      [1, ['seed=2'], 2, 'completed'],
    ]);
    expect(launch.jobs[1]?.payload).toEqual({ kind: 'command', command: [process.execPath, jobScript('echo-env.mjs')] });
  }, 60_000);
});

describe('reproduce', () => {
  it('launches one job again from its folder alone into a new folder, and links the two', async () => {
    const { root, out } = await sweep();
    const again = join(root, 'again');
    const result = await reproduce(join(out, '1'), { runDir: again, cwd: root });
    expect(result.ok).toBe(true);
    expect(result.dir).toBe(again);
    expect(readFileSync(join(again, '.hydra', 'config.yaml'), 'utf8')).toBe(readFileSync(join(out, '1', '.hydra', 'config.yaml'), 'utf8'));
    expect(readFileSync(join(again, '.hydra', 'overrides.yaml'), 'utf8')).toBe('- seed=2\n');
    // The job ran again, with its recorded config.
    expect(readFileSync(join(again, 'stdout.log'), 'utf8')).toContain('seed: 2');
    expect(JSON.parse(readFileSync(join(again, '.hydra', 'metadata.json'), 'utf8'))).toMatchObject({ reproducedFrom: join(out, '1') });
    expect(JSON.parse(readFileSync(join(out, '1', '.hydra', 'metadata.json'), 'utf8'))).toMatchObject({ reproducedIn: [again] });
  }, 60_000);
});
