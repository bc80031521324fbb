import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { runCli } from './cli-harness.js';

const tempDir = useTempDirs();

describe('spectramind resume of a folder made from code', { timeout: 90_000 }, () => {
  it('resumes from the recorded jobs and launcher: only the failed job runs again', async () => {
    const cwd = await tempDir();
    const marker = JSON.stringify(join(cwd, 'fixed'));
    const jobs = [0, 1].map((n) => ({ overrides: [`n=${n}`], command: [process.execPath, '-e', `console.log('ran'); process.exitCode = ${n === 1 ? `require('node:fs').existsSync(${marker}) ? 0 : 3` : 0}`] }));
    const first = await createLauncher({ launcher: 'local' }).launch(jobs, { cwd, mode: 'multirun' });
    expect(first.jobs.map((job) => job.status)).toEqual(['completed', 'failed']);

    const dry = await runCli(['resume', first.dir, '--dry-run'], cwd);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('n=1');

    writeFileSync(join(cwd, 'fixed'), '');
    const run = await runCli(['resume', first.dir], cwd);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('from its recorded jobs and launcher');
    expect(readFileSync(join(first.dir, '0', 'stdout.log'), 'utf8')).toBe('ran\n');
    expect(readFileSync(join(first.dir, '1', 'stdout.log'), 'utf8')).toBe('ran\nran\n');
  });
});
