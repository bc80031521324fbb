import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLauncher, OrphanedJobsError, parseEventLog } from '../../src/index.js';
import { isAlive, useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const dist = new URL('../../dist/index.js', import.meta.url).href;
const jobs = [1, 2].map((n) => ({ overrides: [`n=${n}`], command: ['sleep', '60'] }));

const started: { launcher: ChildProcess | null; pgids: number[] } = { launcher: null, pgids: [] };
afterEach(() => {
  for (const pgid of started.pgids.splice(0)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  started.launcher?.kill('SIGKILL');
  started.launcher = null;
});

function findEventsFile(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const hit = readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((p) => p.endsWith('events.jsonl'));
  return hit === undefined ? null : join(dir, hit);
}

/** Starts a launching process in its own script, waits until both jobs started, then SIGKILLs it. */
async function killLauncherMidRun(cwd: string): Promise<{ dir: string; pgids: number[] }> {
  const script = join(cwd, 'launch.mjs');
  writeFileSync(script, `import { createLauncher } from ${JSON.stringify(dist)};\nawait createLauncher({ launcher: 'local', max_parallel_jobs: 2 }).launch(${JSON.stringify(jobs)}, { cwd: ${JSON.stringify(cwd)} });\n`);
  const child = spawn(process.execPath, [script], { stdio: 'ignore' });
  started.launcher = child;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const file = findEventsFile(join(cwd, 'logs'));
    const starts = file === null ? [] : parseEventLog(readFileSync(file, 'utf8')).events.flatMap((e) => (e.type === 'job:start' && e.group ? [[e.job.num, e.group.pgid] as const] : []));
    if (file !== null && starts.length === 2) {
      // In job-number order (jobs may start in either order).
      const pgids = [...starts].sort((a, b) => a[0] - b[0]).map(([, pgid]) => pgid);
      started.pgids.push(...pgids);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      return { dir: join(file, '..'), pgids };
    }
    if (Date.now() > deadline) throw new Error('the launching process did not start its jobs in 20 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('resuming after the launching process was SIGKILLed', () => {
  it('refuses with OrphanedJobsError naming the still-running jobs, and with stopOrphans stops them and runs the jobs again', async () => {
    const cwd = await tempDir();
    const { dir, pgids } = await killLauncherMidRun(cwd);
    for (const pgid of pgids) expect(isAlive(pgid)).toBe(true);

    const launcher = createLauncher({ launcher: 'local', max_parallel_jobs: 2, kill_grace_s: 1 });
    const rerun = jobs.map((job) => ({ ...job, command: ['true'] }));
    const refused = await launcher.launch(rerun, { cwd, resume: dir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(OrphanedJobsError);
    expect(refused).toMatchObject({ code: 'ERR_ORPHANED_JOBS', path: dir });
    expect((refused as OrphanedJobsError).orphans.jobs.map((j) => [j.num, j.pgid])).toEqual([
      [0, pgids[0]],
      [1, pgids[1]],
    ]);
    expect((refused as Error).message).toMatch(new RegExp(`job 0 \\(process group ${pgids[0]}\\); job 1 \\(process group ${pgids[1]}\\)`));
    for (const pgid of pgids) expect(isAlive(pgid)).toBe(true);

    const resumed = await launcher.launch(rerun, { cwd, resume: dir, stopOrphans: true });
    for (const pgid of pgids) expect(isAlive(pgid)).toBe(false);
    expect(resumed.dir).toBe(dir);
    expect(resumed.jobs.map((j) => j.status)).toEqual(['completed', 'completed']);
  }, 40_000);
});
