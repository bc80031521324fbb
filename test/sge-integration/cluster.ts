import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';

export const REPO = join(import.meta.dirname, '..', '..');
/** The SGE plug-in as a config names it, relative to the repository root. */
export const SGE_TARGET = './examples/sge/sge-launcher.mjs#sgeLauncher';
/** Fast polling for tests: the cluster's scheduler runs every second. */
export const FAST_POLL = { poll_interval_s: 0.5, poll_max_interval_s: 2 };

/** Is an SGE cluster answering (a queue instance that is not in alarm or unknown state), and is dist/ built? */
export function probeSge(): { ok: true } | { ok: false; reason: string } {
  if (process.env.SGE_ROOT === undefined) return { ok: false, reason: 'SGE_ROOT is not set' };
  const qstat = spawnSync('qstat', ['-f'], { encoding: 'utf8', timeout: 20_000 });
  if (qstat.error !== undefined) return { ok: false, reason: `qstat could not run (${qstat.error.message}); is gridengine-client installed?` };
  if (qstat.status !== 0) return { ok: false, reason: `qstat failed: ${qstat.stderr.trim().split('\n').at(-1) ?? `exit ${String(qstat.status)}`}` };
  const usable = qstat.stdout.split('\n').some((line) => /^\S+@\S+\s+\S+\s+\d+\/\d+\/\d+/.test(line) && !/\s[auEdsSC]+\s*$/.test(line));
  if (!usable) return { ok: false, reason: `no usable queue instance (qstat -f: ${qstat.stdout.trim()})` };
  if (!existsSync(join(REPO, 'dist', 'index.js'))) return { ok: false, reason: 'dist/ is not built (the plug-in imports spectramind-launch): run npm run build' };
  return { ok: true };
}

/**
 * Registers `body` when the cluster answers. Without one the tests skip with the reason printed,
 * unless SGE_REQUIRED=1 (set by .ci/run), where a missing cluster is a failing test.
 */
export function withSgeCluster(name: string, body: () => void): void {
  const probe = probeSge();
  if (probe.ok) {
    body();
    return;
  }
  const hint = 'Start the test cluster with: eval "$(bash scripts/sge-dev/up.sh)"';
  if (process.env.SGE_REQUIRED === '1') {
    describe(name, () => {
      it('needs an SGE cluster (SGE_REQUIRED=1)', () => {
        throw new Error(`SGE_REQUIRED=1 but the cluster is not usable: ${probe.reason}. ${hint}`);
      });
    });
    return;
  }
  process.stderr.write(`[sge-integration] skipping "${name}": ${probe.reason} (${hint}; SGE_REQUIRED=1 makes this a failure)\n`);
  describe.skip(name, body);
}

/** A fresh folder the cluster's jobs can write to (this machine: /tmp). */
export function sharedTempDir(prefix: string): string {
  return mkdtempSync(join(process.env.SGE_TEST_TMP ?? '/tmp', `spectramind-sge-${prefix}-`));
}

/** Runs an SGE client program and returns its stdout (throws on failure). */
export function sge(program: string, args: readonly string[]): string {
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}
