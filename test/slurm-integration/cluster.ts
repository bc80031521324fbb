import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');

/** Is a SLURM cluster answering (sinfo shows a node up), and is the module worker built? */
export function probeCluster(): { ok: true } | { ok: false; reason: string } {
  const sinfo = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', timeout: 15_000 });
  if (sinfo.error !== undefined) return { ok: false, reason: `sinfo could not run (${sinfo.error.message}); is the SLURM client installed?` };
  // sinfo's last stderr line says why (its "fatal:" line); the error lines above it repeat the cause.
  const lastLine = sinfo.stderr.trim().split('\n').at(-1)?.trim();
  if (sinfo.status !== 0) return { ok: false, reason: `sinfo failed: ${lastLine || `exit ${String(sinfo.status)}`}` };
  if (!/idle|mixed|allocated|completing/.test(sinfo.stdout)) return { ok: false, reason: `no usable node (sinfo: ${sinfo.stdout.trim()})` };
  if (!existsSync(join(REPO, 'dist', 'job', 'module-worker.js'))) return { ok: false, reason: 'dist/ is not built (module jobs run dist/job/module-worker.js): run npm run build' };
  return { ok: true };
}

/**
 * `describe` for tests that need the cluster. Without one they skip with the reason printed,
 * unless SLURM_REQUIRED=1 (set by .ci/run), where a missing cluster fails the run.
 */
export function describeCluster(name: string, body: () => void): void {
  const probe = probeCluster();
  if (probe.ok) {
    // real jobs on a shared, possibly busy machine: give each test room (the TIMEOUT test sets its own)
    describe.concurrent(name, { timeout: 180_000 }, body);
    return;
  }
  const hint = 'Start the test cluster with: eval "$(bash scripts/slurm-dev/up.sh)"';
  if (process.env.SLURM_REQUIRED === '1') {
    describe(name, () => {
      it('needs a SLURM cluster (SLURM_REQUIRED=1)', () => {
        throw new Error(`SLURM_REQUIRED=1 but the cluster is not usable: ${probe.reason}. ${hint}`);
      });
    });
    return;
  }
  process.stderr.write(`[slurm-integration] skipping "${name}": ${probe.reason} (${hint}; SLURM_REQUIRED=1 makes this a failure)\n`);
  describe.skip(name, body);
}

/** A fresh folder on the filesystem the cluster shares with us (this machine: /tmp). */
export function sharedTempDir(prefix: string): string {
  return mkdtempSync(join(process.env.SLURM_TEST_TMP ?? '/tmp', `spectramind-slurm-${prefix}-`));
}

/**
 * A `sharedTempDir` maker for one test file whose folders are removed after the file
 * (SLURM_TEST_KEEP=1 keeps them to inspect).
 */
export function useSharedTempDirs(): (prefix: string) => string {
  const folders: string[] = [];
  afterAll(() => {
    if (process.env.SLURM_TEST_KEEP !== '1') for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = sharedTempDir(prefix);
    folders.push(dir);
    return dir;
  };
}

/** Runs a SLURM client program and returns its stdout (throws on failure). */
export function slurm(program: string, args: readonly string[]): string {
  const run = spawnSync(program, args, { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The most jobs running at once, from a log of `<epoch seconds> 1` (start) and `<epoch seconds> -1` (end) lines the jobs appended. */
export function mostAtOnce(spansLog: string): number {
  const marks = readFileSync(spansLog, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let most = 0;
  for (const [, delta] of marks) {
    running += delta;
    most = Math.max(most, running);
  }
  return most;
}
