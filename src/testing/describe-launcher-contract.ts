import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLauncher, type LauncherConfigInput } from '../launchers/create-launcher.js';
import type { LauncherDefinition } from '../launchers/launcher-definition.js';
import { expandSweep } from '../sweep/expand-sweep.js';
import { sweepJobs } from '../sweep/sweep-jobs.js';
import type { LaunchEvent } from '../run/launch-events.js';
import { isRunning } from '../process/stop-processes.js';
import { checkEventOrder } from './check-event-order.js';
import { contractJob, contractModule } from './contract-jobs.js';
import { describeJobHandleContract } from './describe-job-handle-contract.js';

/** What the contract suite needs to build the launcher under test. */
export interface LauncherContractOptions {
  /** The launcher config, as `createLauncher` takes it (`{ launcher: 'sge', queue: 'all.q' }`). */
  readonly config: LauncherConfigInput;
  /** Plug-in launchers to register (e.g. `[await loadLauncher('./pbs.mjs#pbs')]`), or a function that loads them. @default [] */
  readonly launchers?: readonly LauncherDefinition[] | (() => Promise<readonly LauncherDefinition[]>);
  /** Time each test may take: batch schedulers start jobs in seconds, not milliseconds. @default 180_000 */
  readonly timeoutMs?: number;
  /** How long a cancelled job's process may take to disappear (a scheduler kills after its own grace). @default 30_000 */
  readonly killWithinMs?: number;
  /**
   * What cancelling a lazy source mid-way leaves (24 jobs; 6 for `all-reached`): `unreached-range` for a launcher that
   * reads a source a few jobs ahead of the running ones (the jobs never read are one `unreached`
   * count), `all-reached` for one that reads it whole or in chunks before running (every job has
   * a record). @default 'unreached-range'
   */
  readonly lazyCancel?: 'unreached-range' | 'all-reached';
}

/**
 * Registers, under vitest's `describe`, the behaviour every launcher must show (as Hydra's
 * `launcher_common_tests` do for its plugins): event order, Hydra's folder layout and snapshots,
 * results, one failing job among good ones, cancellation with nothing firing afterwards, a dry
 * run that writes nothing, resuming a launch, a lazy job source (the same folders as an array; a
 * cancel mid-way counts the jobs never read, see `lazyCancel`), and per-job handles (state, logs, result, cancel
 * one job) with `streamOutput` (see `describeJobHandleContract`). Jobs are real `node` child processes; they
 * write only in their own folders and the suite's temp folders (which it removes).
 */
export function describeLauncherContract(name: string, options: LauncherContractOptions): void {
  const timeout = options.timeoutMs ?? 180_000;
  describe(`the ${name} launcher contract`, () => {
    const made: string[] = [];
    afterEach(async () => {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    });
    const tempDir = async (): Promise<string> => {
      const dir = await mkdtemp(join(tmpdir(), 'spectramind-contract-'));
      made.push(dir);
      return dir;
    };
    const make = async (extra: LauncherConfigInput = {}) => {
      const launchers = typeof options.launchers === 'function' ? await options.launchers() : (options.launchers ?? []);
      return createLauncher({ ...options.config, ...extra }, { launchers });
    };

    it('runs a sweep in Hydra folders with three snapshots per job and an event log in order', { timeout }, async () => {
      const cwd = await tempDir();
      const jobs = [1, 2, 3].map((seed) => ({ overrides: [`seed=${seed}`, 'model.lr=0.1'], config: { seed, model: { lr: 0.1 } }, command: contractJob('write-num') }));
      const handle = (await make()).launch(jobs, { cwd, now: new Date(2026, 10, 28, 9, 5, 7) });
      const emitted: LaunchEvent[] = [];
      for (const type of ['launch:start', 'job:start', 'job:end', 'launch:end'] as const) handle.on(type, (event: LaunchEvent) => emitted.push(event));
      const result = await handle;
      expect(result.dir).toBe(join(cwd, 'logs/multiruns/2026-11-28/09-05-07'));
      expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
      for (const [num, job] of result.jobs.entries()) {
        expect(job.job.outputDir).toBe(join(result.dir, String(num)));
        expect(readFileSync(join(job.job.outputDir, 'num.txt'), 'utf8')).toBe(String(num));
        const hydraDir = join(job.job.outputDir, '.hydra');
        expect(parse(readFileSync(join(hydraDir, 'config.yaml'), 'utf8'))).toEqual({ seed: num + 1, model: { lr: 0.1 } });
        expect(parse(readFileSync(join(hydraDir, 'overrides.yaml'), 'utf8'))).toEqual([`seed=${num + 1}`, 'model.lr=0.1']);
        const hydra = parse(readFileSync(join(hydraDir, 'hydra.yaml'), 'utf8')) as { hydra: { job: { num: number; override_dirname: string } } };
        expect(hydra.hydra.job).toMatchObject({ num, override_dirname: `model.lr=0.1,seed=${num + 1}` });
      }
      const logged = readEvents(result.eventsFile);
      checkEventOrder(logged, 3);
      // the emitter and events.jsonl carry the same events, in the same order
      expect(emitted.map((e) => `${e.type}:${'job' in e ? e.job.num : ''}`)).toEqual(logged.filter((e) => emitted.some((x) => x.type === e.type)).map((e) => `${e.type}:${'job' in e ? e.job.num : ''}`));
    });

    it('returns each module job result and a module failure as data', { timeout }, async () => {
      const cwd = await tempDir();
      const module = join(cwd, 'train.mjs');
      await writeFile(module, contractModule);
      const result = await (await make()).launch([{ module, config: { lr: 0.5 } }, { module, export: 'fails' }], { cwd });
      expect(result.jobs[0]).toMatchObject({ status: 'completed', result: { num: 0, doubled: 1 } });
      expect(result.jobs[1]).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('failed on purpose') } });
    });

    it('records one failing job and runs the others to completion', { timeout }, async () => {
      const cwd = await tempDir();
      const jobs = [contractJob('exit', 0), contractJob('exit', 3), contractJob('exit', 0)].map((command, n) => ({ overrides: [`n=${n}`], command }));
      const result = await (await make()).launch(jobs, { cwd });
      expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'completed']);
      expect(result.jobs[1]).toMatchObject({ status: 'failed', exitCode: 3 });
      expect(result.ok).toBe(false);
      expect(readEvents(result.eventsFile).at(-1)).toMatchObject({ type: 'launch:end', counts: { completed: 2, failed: 1 } });
    });

    it('cancels a launch: every job ends cancelled, no process outlives it, nothing fires afterwards', { timeout }, async () => {
      const cwd = await tempDir();
      const jobs = [0, 1].map((n) => ({ overrides: [`n=${n}`], command: contractJob('wait-forever') }));
      const handle = (await make()).launch(jobs, { cwd });
      const late: string[] = [];
      let settled = false;
      handle.on('job:end', (e) => settled && late.push(e.type));
      handle.on('launch:end', (e) => settled && late.push(e.type));
      const firstDir = await new Promise<string>((resolve) => handle.on('job:start', (e) => resolve(e.job.outputDir)));
      const pidFile = join(firstDir, 'pid.txt');
      while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await sleep(100);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      handle.cancel('the contract suite cancels');
      const result = await handle;
      settled = true;
      expect(result.cancelled).toBe(true);
      expect(result.jobs.map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
      expect(readEvents(result.eventsFile).at(-1)).toMatchObject({ type: 'launch:end', cancelled: true, counts: { cancelled: 2 } });
      const deadline = Date.now() + (options.killWithinMs ?? 30_000);
      while (isRunning(pid) && Date.now() < deadline) await sleep(200);
      expect(isRunning(pid)).toBe(false);
      await sleep(500);
      expect(late).toEqual([]);
    });

    it('plans a dry run without running or writing anything', { timeout }, async () => {
      const cwd = await tempDir();
      const dry = (await make()).launch([{ command: ['train', '--fast'], overrides: ['a=1'] }, { command: ['train'], overrides: ['a=2'] }], { cwd, dryRun: true });
      expect(dry.dryRun).toBe(true);
      expect(dry.plan.jobs.map((j) => j.payload)).toEqual([{ kind: 'command', argv: ['train', '--fast'] }, { kind: 'command', argv: ['train'] }]);
      expect(dry.plan.jobs[1]?.outputDir).toBe(join(dry.plan.dir, '1'));
      expect(await readdir(cwd)).toEqual([]);
    });

    it('resumes a launch: only the job that did not complete runs again, in its old folder', { timeout }, async () => {
      const cwd = await tempDir();
      const flag = join(cwd, 'fixed');
      const jobs = [0, 1, 2].map((n) => ({ overrides: [`n=${n}`], command: contractJob('count-runs', n === 1 ? flag : '') }));
      const launcher = await make();
      const first = await launcher.launch(jobs, { cwd });
      expect(first.jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'completed']);
      await writeFile(flag, '');
      const second = await launcher.launch(jobs, { cwd, resume: first.dir });
      expect(second.dir).toBe(first.dir);
      expect(second.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
      const runs = [0, 1, 2].map((n) => readFileSync(join(first.dir, String(n), 'runs.txt'), 'utf8'));
      expect(runs).toEqual(['run\n', 'run\nrun\n', 'run\n']);
    });

    it('launches a lazy source (sweepJobs) into the same folders, snapshots and records as the same jobs in an array', { timeout }, async () => {
      const cwd = await tempDir();
      const spec = (overrides: string[]) => ({ overrides, command: contractJob('write-num') });
      const launcher = await make();
      const lazy = await launcher.launch(sweepJobs(expandSweep(['seed=1,2', 'lr=0.1,0.2']), spec), { cwd, now: new Date(2026, 10, 28, 9, 5, 7) });
      const array = await launcher.launch([...expandSweep(['seed=1,2', 'lr=0.1,0.2'])].flat().map(spec), { cwd, now: new Date(2026, 10, 28, 9, 5, 8) });
      const view = (result: typeof lazy) =>
        result.jobs.map((job) => {
          const folder = job.job.outputDir.slice(result.dir.length);
          const hydra = join(job.job.outputDir, '.hydra');
          return [folder, job.status, job.job.overrides, readFileSync(join(job.job.outputDir, 'num.txt'), 'utf8'), readFileSync(join(hydra, 'overrides.yaml'), 'utf8'), readFileSync(join(hydra, 'config.yaml'), 'utf8')];
        });
      expect(view(lazy)).toEqual(view(array));
      expect(lazy.jobs.map((job) => job.job.num)).toEqual([0, 1, 2, 3]);
      expect(lazy.unreached).toBeNull();
      checkEventOrder(readEvents(lazy.eventsFile), 4);
    });

    it('cancels a lazy source mid-way: every job it reached ends cancelled, the rest are counted, nothing outlives it', { timeout }, async () => {
      const cwd = await tempDir();
      // Past what a launcher reads ahead; a launcher that reads it all gets a sweep small enough for any (kaggle caps sweeps at 8).
      const total = (options.lazyCancel ?? 'unreached-range') === 'unreached-range' ? 24 : 6;
      const source = sweepJobs(expandSweep([`n=range(${total})`]), (overrides) => ({ overrides, command: contractJob('wait-forever') }));
      const handle = (await make()).launch(source, { cwd });
      const ended = handle.then(() => Promise.reject(new Error('the launch ended before any job started')));
      const firstDir = await Promise.race([new Promise<string>((resolve) => handle.on('job:start', (e) => resolve(e.job.outputDir))), ended]);
      const pidFile = join(firstDir, 'pid.txt');
      while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await sleep(100);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      handle.cancel('the contract suite cancels a lazy source');
      const result = await handle;
      expect(result.cancelled).toBe(true);
      expect(result.jobs.every((job) => job.status === 'cancelled')).toBe(true);
      expect(result.jobs.map((job) => job.job.num)).toEqual(result.jobs.map((_, num) => num));
      if ((options.lazyCancel ?? 'unreached-range') === 'unreached-range') {
        expect(result.jobs.length).toBeLessThan(total);
        expect(result.unreached).toMatchObject({ fromNum: result.jobs.length, count: total - result.jobs.length, outcome: { status: 'cancelled' } });
      } else {
        expect(result.jobs).toHaveLength(total);
        expect(result.unreached).toBeNull();
      }
      expect(readEvents(result.eventsFile).at(-1)).toMatchObject({ type: 'launch:end', cancelled: true, counts: { cancelled: total } });
      const deadline = Date.now() + (options.killWithinMs ?? 30_000);
      while (isRunning(pid) && Date.now() < deadline) await sleep(200);
      expect(isRunning(pid)).toBe(false);
    });

    describeJobHandleContract({ timeout, killWithinMs: options.killWithinMs ?? 30_000, tempDir, make: () => make() });
  });
}

function readEvents(file: string): LaunchEvent[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LaunchEvent);
}

