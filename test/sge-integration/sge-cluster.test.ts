import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compose, createLauncher, createSchedulerCommands, launchFromConfig, loadLauncher, loadLauncherFromConfig } from '../../src/index.js';
import { runCommand } from '../../src/process/run-command.js';
import type { SchedulerCommands } from '../../src/scheduler/scheduler-commands.js';
import { defineSgeLauncher } from '../../examples/sge/sge-launcher.mjs';
import { sgeScheduler } from '../../examples/sge/sge-scheduler.mjs';
import { FAST_POLL, REPO, sge, sharedTempDir, withSgeCluster } from './cluster.js';

const CONFIGS = join(REPO, 'examples/sge/configs');
// Records when it ran (ms) in its run folder, then works for two seconds.
const timedJob = [process.execPath, '-e', "const fs = require('node:fs'); const p = require('node:path').join(process.env.SPECTRAMIND_RUN_DIR, 'span.json'); const start = Date.now(); setTimeout(() => fs.writeFileSync(p, JSON.stringify({ start, end: Date.now(), seed: process.argv[1] })), 2000)"];

/** The real qsub/qstat/qacct, with every program call and every poll counted. */
function countingCommands(): { commands: SchedulerCommands; calls: string[][]; polls: () => number } {
  const calls: string[][] = [];
  let polls = 0;
  const real = createSchedulerCommands(sgeScheduler, { runner: (argv, env) => (calls.push([...argv]), runCommand(argv, env)) });
  return { commands: { ...real, query: (tasks) => ((polls += 1), real.query(tasks)) }, calls, polls: () => polls };
}

withSgeCluster('sge launcher on a real cluster', () => {
  describe('the sge plug-in on a real Grid Engine', { timeout: 300_000 }, () => {
    const made: string[] = [];
    const tempDir = (prefix: string) => {
      const dir = sharedTempDir(prefix);
      made.push(dir);
      return dir;
    };
    afterAll(() => {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });

    it('runs a hydra/launcher=sge sweep from a _target_ YAML as one array, at most -tc tasks at once', async () => {
      const cwd = tempDir('sweep');
      const target = '../sge-launcher.mjs#sgeLauncher';
      const result = await launchFromConfig({
        configDir: CONFIGS,
        overrides: ['hydra/launcher=sge', 'seed=1,2,3,4'],
        multirun: true,
        cwd,
        job: (config) => [...timedJob, String(config.seed)],
        launchers: [await loadLauncher(target, { baseDir: CONFIGS })],
      });
      expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
      const spans = result.jobs.map((j) => JSON.parse(readFileSync(join(j.job.outputDir, 'span.json'), 'utf8')) as { start: number; end: number; seed: string });
      expect(spans.map((s) => s.seed)).toEqual(['1', '2', '3', '4']);
      // the YAML's array_parallelism: 2 becomes -tc 2, and SGE keeps to it
      const most = Math.max(...spans.map((s) => spans.filter((o) => o.start < s.end && s.start < o.end).length));
      expect(most).toBeLessThanOrEqual(2);
      const folder = join(result.dir, '.sge');
      const scripts = readdirSync(folder).filter((f) => f.endsWith('.qsub'));
      expect(scripts).toHaveLength(1);
      expect(readFileSync(join(folder, scripts[0] as string), 'utf8')).toMatch(/#\$ -t 1-4\n#\$ -tc 2\n/);
    });

    it('builds the same launcher from a composition with loadLauncherFromConfig', async () => {
      const composed = compose({ configDir: CONFIGS, overrides: ['hydra/launcher=sge'] });
      const launcher = await loadLauncherFromConfig(composed, { configDir: CONFIGS });
      expect(launcher.name).toBe('sge');
      expect(launcher.config).toMatchObject({ array_parallelism: 2, timeout_min: 5, submitit_folder: expect.stringContaining('.sge') });
    });

    it('asks qstat once per poll for the whole launch, and qacct once per array for finished tasks', async () => {
      const cwd = tempDir('polls');
      const { commands, calls, polls } = countingCommands();
      const launcher = createLauncher({ launcher: 'sge', ...FAST_POLL, timeout_min: 5 }, { launchers: [defineSgeLauncher({ commands })] });
      const result = await launcher.launch([0, 1, 2].map((n) => ({ overrides: [`n=${n}`], command: [process.execPath, '-e', `process.exit(${n === 1 ? 4 : 0})`] })), { cwd });
      expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'completed']);
      expect(result.jobs[1]).toMatchObject({ exitCode: 4 });
      const qstats = calls.filter((c) => c[0] === 'qstat');
      expect(qstats.every((c) => c.join(' ') === 'qstat -xml')).toBe(true);
      expect(qstats).toHaveLength(polls());
      expect(calls.filter((c) => c[0] === 'qacct').every((c) => c.length === 3 && c[1] === '-j')).toBe(true);
      // one `qsub -w v` probe of the request, then one submit of the array
      expect(calls.filter((c) => c[0] === 'qsub').map((c) => c.slice(1, 3).join(' '))).toEqual(['-w v', expect.stringMatching(/^-terse -h/)]);
    });

    it('fails a task SGE cannot start (Eqw) with SGE\'s reason, and deletes it from the queue', async () => {
      const cwd = tempDir('eqw');
      const launcher = createLauncher({ _target_: './examples/sge/sge-launcher.mjs#sgeLauncher', ...FAST_POLL, timeout_min: 5, additional_parameters: { wd: '/nonexistent-spectramind-wd' } }, { launchers: [await loadLauncher('./examples/sge/sge-launcher.mjs#sgeLauncher', { baseDir: REPO })] });
      const result = await launcher.launch([{ command: [process.execPath, '-e', ''] }], { cwd });
      expect(result.jobs[0]).toMatchObject({ status: 'failed', error: { code: 'ERR_SGE_JOB_FAILED', message: expect.stringMatching(/nonexistent-spectramind-wd/) } });
      const id = /SGE job (\d+)_0/.exec(result.jobs[0]?.status === 'failed' ? result.jobs[0].error.message : '')?.[1];
      expect(id).toBeDefined();
      expect(sge('qstat', ['-xml'])).not.toContain(`<JB_job_number>${id}</JB_job_number>`);
    });

    it('at h_rt, lets the job checkpoint on SIGUSR2 (-notify), requeues it, and the next run resumes', { timeout: 400_000 }, async () => {
      const cwd = tempDir('requeue');
      const launcher = createLauncher({ launcher: 'sge', ...FAST_POLL, timeout_min: 1, max_num_timeout: 1 }, { launchers: [defineSgeLauncher()] });
      const handle = launcher.launch([{ module: join(import.meta.dirname, 'fixtures/checkpoint-job.mjs') }], { cwd });
      const ends: number[] = [];
      handle.on('job:end', (e) => ends.push(e.attempts));
      const result = await handle;
      expect(result.jobs[0]).toMatchObject({ status: 'completed', result: { resumedFrom: 'step-42', restarted: '1' } });
      expect(ends).toEqual([2]);
      const dir = result.jobs[0]?.job.outputDir as string;
      expect(readFileSync(join(result.dir, '.sge', 'jobs', '0', 'timeouts'), 'utf8').trim()).toBe('1');
      expect(existsSync(join(dir, 'checkpoint.txt'))).toBe(true);
    });

    it('writes every script in a dry run and submits nothing', async () => {
      const cwd = tempDir('dry');
      const { commands, calls } = countingCommands();
      const launcher = createLauncher({ launcher: 'sge', dry_run: true, max_array_size: 100 }, { launchers: [defineSgeLauncher({ commands })] });
      const result = await launcher.launch([{ command: ['train', "it's $(here)"] }, { command: ['train'] }], { cwd });
      expect(result.jobs.map((j) => j.status)).toEqual(['skipped', 'skipped']);
      expect(calls).toEqual([]);
      const jobScript = readFileSync(join(result.dir, '.sge', 'jobs', '0', 'job.sh'), 'utf8');
      expect(jobScript).toContain(`_sm_argv=('train' 'it'\\''s $(here)')`);
    });
  });
});
