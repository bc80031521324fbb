import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createLauncher, slurmLauncher, writeReport, type LauncherDefinition } from '../../src/index.js';
import { probeCluster, sharedTempDir } from '../slurm-integration/cluster.js';
import { jobScript, useTempDirs } from '../support/temp-dir.js';
import { columnKeys, describeBrowser, openReport, type OpenedReport } from './support/browser.js';

const REPO = join(import.meta.dirname, '..', '..');

/** What every report page must do in the browser: load cleanly, offline, one bar and one row per job. */
async function expectCleanPage(report: OpenedReport, jobCount: number): Promise<void> {
  expect(report.consoleErrors).toEqual([]);
  expect(report.requests).toEqual([]);
  const { page } = report;
  expect(await page.locator('#timeline .bar').count()).toBe(jobCount);
  expect(await page.locator('#jobs tbody tr').count()).toBe(jobCount);
  const nums = await page.locator('#timeline .bar').evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('data-num'))));
  expect(new Set(nums).size).toBe(jobCount);
}

/** Clicks a header twice and checks the column comes out ascending, then descending. */
async function expectSortable(report: OpenedReport, header: string): Promise<void> {
  const button = report.page.locator('#jobs thead button', { hasText: new RegExp(`^${header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  await button.click();
  const ascending = (await columnKeys(report.page, header)).filter((v) => v !== '').map(Number);
  expect(ascending.length).toBeGreaterThan(1);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await button.click();
  const descending = (await columnKeys(report.page, header)).filter((v) => v !== '').map(Number);
  expect(descending).toEqual([...ascending].sort((a, b) => b - a));
}

describeBrowser('the sweep report in headless Chromium', (chromiumPath) => {
  const tempDir = useTempDirs();
  const slurmFolders: string[] = [];
  afterAll(() => {
    for (const dir of slurmFolders) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the demo sweep: clean load, offline, bars, rows, sorting by loss, filtering, a screenshot', async () => {
    const cwd = await tempDir();
    const demo = spawnSync(process.execPath, [join(REPO, 'examples', 'demo-sweep.mjs')], { cwd, encoding: 'utf8', timeout: 120_000 });
    expect(demo.status, demo.stderr).toBe(0);
    const day = readdirSync(join(cwd, 'logs', 'multiruns'))[0] as string;
    const dir = join(cwd, 'logs', 'multiruns', day, readdirSync(join(cwd, 'logs', 'multiruns', day))[0] as string);
    const written = await writeReport(dir, { title: 'Demo sweep: model.lr x seed' });
    const report = await openReport(chromiumPath, written.file);
    try {
      await expectCleanPage(report, 9);
      await expectSortable(report, 'loss');
      expect(await report.page.locator('.plot').count()).toBeGreaterThanOrEqual(2);
      expect(await report.page.locator('.plot circle.best').count()).toBeGreaterThanOrEqual(2);
      await report.page.fill('#filter-text', '0.3');
      expect(await report.page.locator('#jobs tbody tr:not([hidden])').count()).toBe(3);
      expect(await report.page.locator('#row-count').textContent()).toBe('3 of 9 jobs');
      await report.page.fill('#filter-text', '');
      console.log(`[report] demo screenshot: ${await report.screenshot('demo-sweep')}`);
      expect(report.consoleErrors).toEqual([]);
    } finally {
      await report.close();
    }
  });

  it('stays usable with a 1,000-job local sweep: lanes collapse to slots, the page loads and sorts quickly', { timeout: 300_000 }, async () => {
    const cwd = await tempDir();
    const jobs = Array.from({ length: 1000 }, (_, i) => ({ overrides: [`i=${i}`, `group=${i % 7}`], command: ['true'] }));
    const launchStart = Date.now();
    const result = await createLauncher({ launcher: 'local', max_parallel_jobs: 4 }).launch(jobs, { cwd, mode: 'multirun' });
    expect(result.counts.completed).toBe(1000);
    const writeStart = Date.now();
    const written = await writeReport(result.dir);
    console.log(`[report] 1,000 jobs: launch ${writeStart - launchStart} ms, writeReport ${Date.now() - writeStart} ms`);
    const opened = Date.now();
    const report = await openReport(chromiumPath, written.file);
    try {
      const loadMs = Date.now() - opened;
      await expectCleanPage(report, 1000);
      const lanes = await report.page.locator('#timeline text.lane').allTextContents();
      expect(lanes.length).toBeLessThanOrEqual(40);
      const sortStart = Date.now();
      await expectSortable(report, 'i');
      const sortMs = Date.now() - sortStart;
      console.log(`[report] 1,000 jobs: browser start + load ${loadMs} ms, two sorts ${sortMs} ms, ${lanes.length} lane labels`);
      // Generous bounds for a shared 2-core machine: a stall (seconds per interaction) still fails.
      expect(sortMs).toBeLessThan(15_000);
      console.log(`[report] 1,000-job screenshot: ${await report.screenshot('local-1000')}`);
    } finally {
      await report.close();
    }
  });

  const cluster = probeCluster();
  const slurmIt = cluster.ok || process.env.SLURM_REQUIRED === '1' ? it : it.skip;
  if (!cluster.ok) console.warn(`[report] the slurm page test ${process.env.SLURM_REQUIRED === '1' ? 'will fail' : 'skips'}: ${cluster.reason}`);
  slurmIt('shows a slurm sweep with its scheduler ids, results and a failed job', async () => {
    if (!cluster.ok) throw new Error(`SLURM_REQUIRED=1 but the cluster is not usable: ${cluster.reason}`);
    const dir = sharedTempDir('report');
    slurmFolders.push(dir);
    const launcher = createLauncher(
      { launcher: 'slurm', poll_interval_s: 0.5, poll_max_interval_s: 2, hydra: { sweep: { dir: join(dir, 'sweep'), subdir: '${hydra.job.num}' } } },
      { launchers: [slurmLauncher as unknown as LauncherDefinition<never>] },
    );
    const result = await launcher.launch(
      [
        ...[0.1, 0.2, 0.4].map((lr) => ({ module: jobScript('train-module.mjs'), overrides: [`lr=${lr}`], config: { lr } })),
        { overrides: ['lr=0.8'], command: ['bash', '-c', 'echo "diverged at step 3" >&2; exit 2'] },
      ],
      { cwd: dir, mode: 'multirun' },
    );
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed', 'failed']);
    const written = await writeReport(result.dir);
    const report = await openReport(chromiumPath, written.file);
    try {
      await expectCleanPage(report, 4);
      // failed first, with the tail of its stderr from the submitit folder
      expect(await report.page.locator('#jobs tbody tr').first().getAttribute('data-status')).toBe('failed');
      expect(await report.page.locator('#jobs tbody tr').first().textContent()).toContain('diverged at step 3');
      await expectSortable(report, 'loss');
      expect(await report.page.locator('#timeline .bar title').first().textContent()).toMatch(/scheduler id \d+_\d/);
      // every job ran, so every bar sits in a slot lane (none in 'not started')
      expect(await report.page.locator('#timeline text.lane').allTextContents()).not.toContain('not started');
      await report.page.selectOption('#filter-status', 'failed');
      expect(await report.page.locator('#jobs tbody tr:not([hidden])').count()).toBe(1);
      console.log(`[report] slurm screenshot: ${await report.screenshot('slurm-sweep')}`);
    } finally {
      await report.close();
    }
  });
});
