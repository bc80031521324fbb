import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Launcher, LauncherConfigInput, LaunchEvent } from '../../src/index.js';
import { createLauncher } from '../../src/index.js';
import { isAlive, jobScript, useTempDirs } from '../support/temp-dir.js';

const node = process.execPath;

/** The behaviour every process launcher shares (Hydra keeps such a suite for its launchers too). */
export function describeLauncherContract(name: string, config: LauncherConfigInput): void {
  describe(`the ${name} launcher contract`, () => {
    const tempDir = useTempDirs();
    const make = (extra: LauncherConfigInput = {}): Launcher => createLauncher({ ...config, ...extra });

    it('lays out a sweep as Hydra does, with three snapshots per job and an event log', async () => {
      const cwd = await tempDir();
      const jobs = [1, 2, 3].map((seed) => ({ overrides: [`seed=${seed}`, 'model.lr=1e-4'], config: { seed, model: { lr: 0.0001 } }, command: [node, jobScript('echo-env.mjs')] }));
      const result = await make().launch(jobs, { cwd, now: new Date(2026, 10, 28, 9, 5, 7) });
      expect(result.dir).toBe(join(cwd, 'logs/multiruns/2026-11-28/09-05-07'));
      expect(result.counts.completed).toBe(3);
      for (const [num, job] of result.jobs.entries()) {
        expect(job.job.outputDir).toBe(join(result.dir, String(num)));
        const state = join(job.job.outputDir, '.hydra');
        expect(parse(readFileSync(join(state, 'config.yaml'), 'utf8'))).toEqual({ seed: num + 1, model: { lr: 0.0001 } });
        expect(parse(readFileSync(join(state, 'overrides.yaml'), 'utf8'))).toEqual([`seed=${num + 1}`, 'model.lr=1e-4']);
        const hydra = parse(readFileSync(join(state, 'hydra.yaml'), 'utf8')) as { hydra: { job: { num: number; override_dirname: string } } };
        expect(hydra.hydra.job.num).toBe(num);
        expect(hydra.hydra.job.override_dirname).toBe(`model.lr=1e-4,seed=${num + 1}`);
      }
      const events = readFileSync(join(result.dir, 'events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LaunchEvent);
      expect(events[0]?.type).toBe('launch:start');
      expect(events.at(-1)?.type).toBe('launch:end');
      expect(events.filter((e) => e.type === 'job:end')).toHaveLength(3);
    });

    it('puts a single job in a run folder and tells it where it is', async () => {
      const cwd = await tempDir();
      const result = await make().launch([{ command: [node, jobScript('echo-env.mjs')], config: { a: 1 } }], { cwd });
      const job = result.jobs[0]!;
      expect(job.job.outputDir.startsWith(join(cwd, 'logs/runs/'))).toBe(true);
      const seen = JSON.parse(readFileSync(join(job.job.outputDir, 'stdout.log'), 'utf8')) as { cwd: string; env: Record<string, string>; config: string };
      expect(seen.cwd).toBe(cwd); // Hydra 1.3 default: the cwd is not changed
      expect(seen.env.SPECTRAMIND_RUN_DIR).toBe(job.job.outputDir);
      expect(seen.env.SPECTRAMIND_JOB_NUM).toBe('0');
      expect(parse(seen.config)).toEqual({ a: 1 });
      expect(readFileSync(join(job.job.outputDir, 'stderr.log'), 'utf8')).toBe('to stderr\n');
    });

    it('reports a missing program as a failed job and carries on', async () => {
      const cwd = await tempDir();
      const result = await make().launch([{ command: ['definitely-not-a-program-xyz'] }, { command: [node, '-e', ''] }], { cwd });
      const [missing, ok] = result.jobs;
      expect(missing?.status).toBe('failed');
      if (missing?.status === 'failed') expect(missing.error.message).toContain('command not found: "definitely-not-a-program-xyz"');
      expect(ok?.status).toBe('completed');
    });

    it('records crashes, exit codes and signals without touching the other jobs', async () => {
      const cwd = await tempDir();
      const result = await make().launch(
        [{ command: [node, jobScript('crash.mjs')] }, { command: [node, jobScript('self-kill.mjs')] }, { command: [node, jobScript('echo-env.mjs')], env: { EXIT_CODE: '3' } }, { command: [node, jobScript('echo-env.mjs')] }],
        { cwd },
      );
      const [crash, killed, exit3, fine] = result.jobs;
      expect(crash).toMatchObject({ status: 'failed', exitCode: 1 });
      expect(readFileSync(join(crash!.job.outputDir, 'stderr.log'), 'utf8')).toContain('boom: the job crashed');
      expect(killed).toMatchObject({ status: 'failed', signal: 'SIGKILL', exitCode: null });
      expect(exit3).toMatchObject({ status: 'failed', exitCode: 3 });
      expect(fine).toMatchObject({ status: 'completed', exitCode: 0 });
      expect(existsSync(join(fine!.job.outputDir, '.hydra/config.yaml'))).toBe(true);
      expect(result.ok).toBe(false);
    });

    it('keeps megabytes of output whole in the job log', async () => {
      const cwd = await tempDir();
      const result = await make().launch([{ command: [node, jobScript('big-output.mjs'), '8'] }], { cwd });
      const log = readFileSync(join(result.jobs[0]!.job.outputDir, 'stdout.log'), 'utf8');
      expect(log.length).toBe(8 * 1024 * 1024 + 'DONE\n'.length);
      expect(log.endsWith('DONE\n')).toBe(true);
    });

    it('streams output lines as events when asked', async () => {
      const cwd = await tempDir();
      const lines: string[] = [];
      const handle = make().launch([{ command: [node, '-e', 'console.log("one"); console.log("two")'] }], { cwd, streamOutput: true });
      handle.on('job:output', (e) => lines.push(`${e.stream}:${e.line}`));
      await handle;
      expect(lines).toEqual(['stdout:one', 'stdout:two']);
    });

    it('returns a module job result and a module failure', async () => {
      const cwd = await tempDir();
      const result = await make().launch(
        [{ module: jobScript('train-module.mjs'), config: { lr: 0.5 } }, { module: jobScript('train-module.mjs'), export: 'fails' }, { module: jobScript('train-module.ts') }],
        { cwd },
      );
      expect(result.jobs[0]).toMatchObject({ status: 'completed', result: { num: 0, lr: 0.5, loss: 1 / 1.5 } });
      expect(result.jobs[1]).toMatchObject({ status: 'failed', error: { message: 'module failed on purpose' } });
      expect(result.jobs[2]).toMatchObject({ status: 'completed', result: { num: 2, typed: true } });
    });

    it('stops a job at its time limit', async () => {
      const cwd = await tempDir();
      const result = await make({ kill_grace_s: 1 }).launch([{ command: [node, '-e', 'setInterval(() => {}, 1000)'], timeout_min: 0.5 / 60 }], { cwd });
      expect(result.jobs[0]).toMatchObject({ status: 'timed-out', timeoutMs: 500, signal: 'SIGTERM' });
    });

    it('cancels a sweep, killing grandchildren and recording every job', async () => {
      const cwd = await tempDir();
      const handle = make({ kill_grace_s: 2 }).launch([{ command: [node, jobScript('spawn-grandchild.mjs')] }, { command: [node, jobScript('spawn-grandchild.mjs')] }], { cwd });
      const started = new Promise<string>((resolve) => handle.on('job:start', (e) => resolve(e.job.outputDir)));
      const firstDir = await started;
      const pidFile = join(firstDir, 'grandchild.pid');
      while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await sleep(20);
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      expect(isAlive(grandchild)).toBe(true);
      handle.cancel('test says stop');
      const result = await handle;
      expect(result.cancelled).toBe(true);
      expect(result.jobs.map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
      await sleep(100);
      expect(isAlive(grandchild)).toBe(false);
      const events = readFileSync(result.eventsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LaunchEvent);
      expect(events.at(-1)).toMatchObject({ type: 'launch:end', cancelled: true, counts: { cancelled: 2 } });
    });

    it('plans a dry run without running or writing anything', async () => {
      const cwd = await tempDir();
      const dry = make().launch([{ command: ['train', '--fast'], overrides: ['a=1'] }, { command: ['train'], overrides: ['a=2'] }], { cwd, dryRun: true });
      expect(dry.plan.jobs.map((j) => j.payload)).toEqual([{ kind: 'command', argv: ['train', '--fast'] }, { kind: 'command', argv: ['train'] }]);
      expect(dry.plan.jobs[1]!.env.SPECTRAMIND_JOB_NUM).toBe('1');
      expect(dry.plan.jobs[1]!.outputDir).toBe(join(dry.plan.dir, '1'));
      expect(await readdir(cwd)).toEqual([]);
    });

    it('never lets two launches in the same second share a folder', async () => {
      const cwd = await tempDir();
      const now = new Date(2026, 0, 2, 3, 4, 5);
      const jobs = [{ command: [node, '-e', ''] }, { command: [node, '-e', ''] }];
      const [a, b] = await Promise.all([make().launch(jobs, { cwd, now }), make().launch(jobs, { cwd, now })]);
      expect(a.dir).not.toBe(b.dir);
      expect(a.counts.completed + b.counts.completed).toBe(4);
    });
  });
}
