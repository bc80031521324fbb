import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher, ReportError, writeReport } from '../../src/index.js';
import { jobScript, useTempDirs } from '../support/temp-dir.js';

const count = (html: string, needle: string): number => html.split(needle).length - 1;
const bars = (html: string): number => count(html, '<a class="bar"');
const rows = (html: string): number => count(html, '<tr id="job-');

describe('writing a sweep report', () => {
  const tempDir = useTempDirs();

  it('reports a basic launch: one bar and one row per job, failed jobs first with their stderr tail, results as columns', async () => {
    const cwd = await tempDir();
    const result = await createLauncher({ launcher: 'basic' }).launch(
      [
        { overrides: ['lr=0.1'], run: () => ({ loss: 0.5, acc: 0.8 }) },
        { overrides: ['lr=0.2'], run: () => ({ loss: 0.25, acc: 0.9 }) },
        { overrides: ['lr=0.3'], command: [process.execPath, '-e', 'console.error("CUDA out of memory at step 7"); process.exit(4)'] },
      ],
      { cwd, mode: 'multirun' },
    );
    const written = await writeReport(result.dir);
    expect(written).toEqual({ file: join(result.dir, 'report.html'), jobCount: 3, live: false });
    const html = readFileSync(written.file, 'utf8');
    expect(bars(html)).toBe(3);
    expect(rows(html)).toBe(3);
    // failed first, then by number
    expect([...html.matchAll(/<tr id="job-(\d+)"/g)].map((m) => m[1])).toEqual(['2', '0', '1']);
    expect(html).toContain('CUDA out of memory at step 7');
    expect(html).toContain('exit code 4');
    expect(html).toMatch(/<th scope="col" data-col="\d+"><button type="button">loss<\/button>/);
    // the best job by loss (min) is highlighted in the table and the plots
    expect(html).toContain('<tr id="job-1" class="s-completed best"');
    expect(html).toContain('class="dot best"');
    expect(html).toContain('launcher</dt><dd>basic');
  });

  it('loads nothing from anywhere: no external URL, no src attribute, a CSP that forbids fetching', async () => {
    const cwd = await tempDir();
    const result = await createLauncher({ launcher: 'basic' }).launch([{ overrides: ['a=1'], run: () => 1 }], { cwd });
    const html = readFileSync((await writeReport(result.dir)).file, 'utf8');
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b/);
    expect(html).toContain("default-src 'none'");
  });

  it('reports a kaggle launch', async () => {
    const cwd = await tempDir();
    const result = await createLauncher({ launcher: 'kaggle' }).launch(
      [0, 1].map((n) => ({ overrides: [`seed=${n}`], command: [process.execPath, '-e', `require('fs').writeFileSync(process.env.SPECTRAMIND_RUN_DIR + '/metrics.json', JSON.stringify({ score: ${n} + 0.5 }))`] })),
      { cwd, mode: 'multirun' },
    );
    const html = readFileSync((await writeReport(result.dir, { file: join(cwd, 'k.html'), title: 'Kaggle <run>' })).file, 'utf8');
    expect(bars(html)).toBe(2);
    expect(html).toContain('<title>Kaggle &#60;run&#62;</title>');
    expect(html).toContain('launcher</dt><dd>kaggle');
    expect(html).toContain('best (max score)');
    expect(html).toContain('<tr id="job-1" class="s-completed best"');
  });

  it('shows both launches of a resumed sweep, the retried job with its failed and its completed attempt', async () => {
    const cwd = await tempDir();
    const flag = join(cwd, 'fixed');
    const jobs = [0, 1, 2].map((n) => ({
      overrides: [`n=${n}`],
      command: [process.execPath, '-e', n === 1 ? `process.exit(require('fs').existsSync(${JSON.stringify(flag)}) ? 0 : 3)` : ''],
    }));
    const launcher = createLauncher({ launcher: 'local', max_parallel_jobs: 2 });
    const first = await launcher.launch(jobs, { cwd, mode: 'multirun' });
    writeFileSync(flag, '');
    await launcher.launch(jobs, { cwd, mode: 'multirun', resume: first.dir });
    const html = readFileSync((await writeReport(first.dir)).file, 'utf8');
    expect(bars(html)).toBe(3);
    expect(html).toContain('launches</dt><dd>2 (resumed)');
    const bar = /<a class="bar" href="#job-1"[^>]*>(.*?)<\/a>/s.exec(html)?.[1] ?? '';
    expect(bar).toContain('#e03131'); // the failed first attempt
    expect(bar).toContain('#2f9e44'); // the completed retry
    expect(bar).toMatch(/attempts: .* failed, .* completed/);
    expect(html).toContain('<tr id="job-1" class="s-completed"');
  });

  it('reports a sweep that is still running and says so, then the finished sweep without the notice', async () => {
    const cwd = await tempDir();
    const handle = createLauncher({ launcher: 'local', max_parallel_jobs: 1 }).launch(
      [{ overrides: ['t=0'], command: [process.execPath, '-e', ''] }, { overrides: ['t=1'], command: [process.execPath, jobScript('sleep.mjs'), '1500'] }],
      { cwd, mode: 'multirun' },
    );
    const midway = new Promise<{ live: boolean; html: string }>((resolve, reject) => {
      handle.on('job:start', (event) => {
        if (event.job.num !== 1) return;
        writeReport(event.job.outputDir.replace(/\/1$/, ''))
          .then((written) => resolve({ live: written.live, html: readFileSync(written.file, 'utf8') }))
          .catch(reject);
      });
    });
    const during = await midway;
    const result = await handle;
    expect(during.live).toBe(true);
    expect(during.html).toContain('This sweep is still running');
    expect(during.html).toContain('1 of 2 jobs ended');
    expect(during.html).toContain('data-num="1" data-status="running"');
    expect(bars(during.html)).toBe(2);
    const after = await writeReport(result.dir);
    expect(after.live).toBe(false);
    expect(readFileSync(after.file, 'utf8')).not.toContain('still running');
  });

  it('refuses a folder without a launch, and bad options, with typed errors that say what to pass', async () => {
    const cwd = await tempDir();
    await expect(writeReport(cwd)).rejects.toMatchObject({ code: 'ERR_REPORT_NO_LAUNCH', message: expect.stringContaining('events.jsonl') });
    await expect(writeReport(cwd, { maxLanes: 0 })).rejects.toBeInstanceOf(ReportError);
    await expect(writeReport(cwd, { metric: { name: 'loss', goal: 'lowest' as 'min' } })).rejects.toMatchObject({ code: 'ERR_REPORT_OPTIONS', message: expect.stringContaining("goal: 'min' | 'max'") });
  });
});
