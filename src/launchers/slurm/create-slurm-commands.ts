import type { Clock } from '../launcher-definition.js';
import { cleanSlurmEnv } from './clean-slurm-env.js';
import { parseSacctRows, SACCT_FORMAT } from './parse-sacct-rows.js';
import { parseMaxArraySize, parseScontrolJobs } from './parse-scontrol-jobs.js';
import { parseSqueueRows, SQUEUE_FORMAT } from './parse-squeue-rows.js';
import { DEFAULT_RETRY, isTransientSchedulerError, retryTransient, type RetryPolicy } from './retry-transient.js';
import { runCommand, type CommandRunner } from './run-command.js';
import type { SchedulerCommands, TaskRef } from './scheduler-commands.js';
import { type SchedulerRecord, taskKey } from './scheduler-record.js';
import { SlurmCommandError, SlurmNotFoundError } from './slurm-errors.js';
import { systemClock } from '../system-clock.js';

/** How the real scheduler commands run. Every field is optional. */
export interface SlurmCommandsOptions {
  /** Environment of the SLURM programs (inherited SLURM_* job variables are dropped). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default runCommand (cross-spawn) */
  readonly runner?: CommandRunner;
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default Math.random */
  readonly random?: () => number;
  /** @default DEFAULT_RETRY */
  readonly retry?: RetryPolicy;
  /** `sacct` (accounting), `squeue` (+ `scontrol` for finished tasks), or `auto`: sacct, then squeue once sacct says accounting is off. @default 'auto' */
  readonly accounting?: 'auto' | 'sacct' | 'squeue';
}

const ACCOUNTING_OFF = /accounting storage is disabled|Slurm accounting storage is disabled/i;
const NO_SUCH_JOB = /Invalid job id specified/i;

/** Builds the real scheduler commands: SLURM's client programs, spawned with argv and retried when busy. */
export function createSlurmCommands(options: SlurmCommandsOptions = {}): SchedulerCommands {
  const env = cleanSlurmEnv(options.env ?? process.env);
  const runner = options.runner ?? runCommand;
  const retry = { policy: options.retry ?? DEFAULT_RETRY, clock: options.clock ?? systemClock, random: options.random ?? Math.random };
  // per-instance, not module state: one launch learns once that accounting is off
  let mode = options.accounting ?? 'auto';

  async function call(argv: readonly string[], tolerate?: RegExp): Promise<string> {
    return retryTransient(async (n) => {
      const result = await runner(argv, env);
      if (result.spawnError !== null) {
        const error = result.spawnError.code === 'ENOENT' ? new SlurmNotFoundError(argv[0] ?? '', { cause: result.spawnError }) : new SlurmCommandError(argv, null, result.spawnError.message, n, { cause: result.spawnError });
        return { ok: false, transient: false, error };
      }
      if (result.exitCode === 0) return { ok: true, value: result.stdout };
      const text = `${result.stderr}\n${result.stdout}`;
      if (tolerate !== undefined && tolerate.test(text)) return { ok: true, value: '' };
      return { ok: false, transient: isTransientSchedulerError(text), error: new SlurmCommandError(argv, result.exitCode, result.stderr || result.stdout, n) };
    }, retry);
  }

  async function querySqueue(tasks: readonly TaskRef[], ids: string[]): Promise<SchedulerRecord[]> {
    const live = parseSqueueRows(await call(['squeue', '-h', '-r', `--jobs=${ids.join(',')}`, '-o', SQUEUE_FORMAT], NO_SUCH_JOB));
    const seen = new Set(live.map((r) => taskKey(r.arrayJobId, r.task)));
    const gone = [...new Set(tasks.filter((t) => !seen.has(taskKey(t.arrayJobId, t.task))).map((t) => t.arrayJobId))];
    const finished: SchedulerRecord[] = [];
    // Finished tasks left squeue: read their final record, one scontrol call per array.
    for (const id of gone) finished.push(...parseScontrolJobs(await call(['scontrol', 'show', 'job', '-o', id], NO_SUCH_JOB)));
    return [...finished.filter((r) => !seen.has(taskKey(r.arrayJobId, r.task))), ...live];
  }

  return {
    async submit(scriptPath, extraArgs) {
      const out = await call(['sbatch', '--parsable', ...extraArgs, scriptPath]);
      const match = /^(\d+)/.exec(out.trim());
      if (match?.[1] === undefined) throw new SlurmCommandError(['sbatch', '--parsable', ...extraArgs, scriptPath], 0, `unexpected output ${JSON.stringify(out)} (expected a job id)`, 1);
      return match[1];
    },
    async query(tasks) {
      const ids = [...new Set(tasks.map((t) => t.arrayJobId))];
      if (ids.length === 0) return [];
      if (mode !== 'squeue') {
        try {
          const text = await call(['sacct', '-n', '-P', '-X', '-D', `--format=${SACCT_FORMAT}`, `--jobs=${ids.join(',')}`]);
          if (!ACCOUNTING_OFF.test(text)) return parseSacctRows(text);
        } catch (error) {
          if (mode === 'sacct' || !(error instanceof SlurmCommandError) || !ACCOUNTING_OFF.test(error.stderr)) throw error;
        }
        mode = 'squeue';
      }
      return querySqueue(tasks, ids);
    },
    async cancel(jobIds) {
      if (jobIds.length > 0) await call(['scancel', ...jobIds], NO_SUCH_JOB);
    },
    async release(jobIds) {
      if (jobIds.length > 0) await call(['scontrol', 'release', jobIds.join(',')]);
    },
    async requeue(jobIds) {
      if (jobIds.length > 0) await call(['scontrol', 'requeue', jobIds.join(',')]);
    },
    async maxArraySize() {
      const size = parseMaxArraySize(await call(['scontrol', 'show', 'config']));
      // SLURM's documented default when the line is missing
      return size ?? 1001;
    },
  };
}
