import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLauncher, type LauncherConfigInput } from '../launchers/create-launcher.js';
import type { LauncherDefinition } from '../launchers/launcher-definition.js';
import type { LauncherContractOptions } from './describe-launcher-contract.js';

/** A case this scheduler cannot be made to show, and why: the case is listed as skipped with the reason in its name. */
export interface NotApplicable {
  readonly notApplicable: string;
}

/** How to make one task hear the scheduler's pre-timeout notice (what arrives shortly before its time limit). */
export interface PreTimeoutFault {
  /** Which task to signal, given every task's scheduler id (`<array>_<task>`). @default the second */
  pick?(schedulerIds: readonly string[]): string | Promise<string>;
  /** Sends the notice to that one task, as the scheduler would at its limit. */
  signal(schedulerId: string): void | Promise<void>;
}

/** Launcher fields asking for what no node of the cluster has, and what the refusal must say. */
export interface ImpossibleRequestFault {
  readonly config: LauncherConfigInput;
  /** The jobs' `error.code`, e.g. `ERR_SLURM_IMPOSSIBLE_REQUEST`. */
  readonly code: string;
  /** The scheduler's own words, found in the error message. */
  readonly words: RegExp;
  /** The field to change, named in the message (`hydra.launcher.mem_gb=32`). */
  readonly field: string;
}

/** Launchers whose accounting query fails for real (not "disabled") while the controller answers. */
export interface AccountingOutageFault {
  /** Replaces the suite's launchers for this case. */
  launchers(): Promise<readonly LauncherDefinition[]>;
  /** The warnings those launchers emitted so far. */
  warnings(): readonly string[];
  /** What the fall-back warning says. */
  readonly warning: RegExp;
}

/** A launch split into several arrays that must still share one parallelism budget. */
export interface ChainedParallelismFault {
  readonly jobs: number;
  readonly maxArraySize: number;
  readonly parallelism: number;
}

/** The small fault-injection adapter a batch backend gives the batch contract cases. */
export interface BatchFaults {
  readonly preTimeout: PreTimeoutFault | NotApplicable;
  readonly impossibleRequest: ImpossibleRequestFault | NotApplicable;
  readonly accountingOutage: AccountingOutageFault | NotApplicable;
  /** @default { jobs: 24, maxArraySize: 4, parallelism: 10 } */
  readonly chainedParallelism?: ChainedParallelismFault | NotApplicable;
}

export interface BatchContractOptions extends LauncherContractOptions {
  readonly faults: BatchFaults;
  /** A folder the cluster's jobs can write (their run folders go under it). @default os.tmpdir() */
  readonly sharedDir?: string;
}

/**
 * Registers what every batch launcher (SLURM, SGE, ...) must show under real cluster faults: a
 * pre-timeout notice requeues exactly one task, never its running siblings; a request no node
 * can run fails fast in the scheduler's words; a failing accounting query falls back to the
 * controller and never records a finished job as failed; arrays split by size share
 * `array_parallelism`. A backend declares a case it cannot show `{ notApplicable: reason }`.
 */
export function describeBatchContract(name: string, options: BatchContractOptions): void {
  const timeout = options.timeoutMs ?? 240_000;
  const { faults } = options;
  describe(`the ${name} batch contract`, () => {
    const made: string[] = [];
    afterAll(async () => {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    });
    const tempDir = async (): Promise<string> => {
      const dir = await mkdtemp(join(options.sharedDir ?? tmpdir(), 'spectramind-batch-contract-'));
      made.push(dir);
      return dir;
    };
    const launcherIn = async (dir: string, extra: LauncherConfigInput = {}, launchers?: readonly LauncherDefinition[]) => {
      const own = launchers ?? (typeof options.launchers === 'function' ? await options.launchers() : (options.launchers ?? []));
      return createLauncher({ ...options.config, ...extra, hydra: { sweep: { dir: join(dir, 'sweep'), subdir: '${hydra.job.num}' } } } as LauncherConfigInput, { launchers: own });
    };
    const applicable = <T extends object>(title: string, fault: T | NotApplicable | undefined, body: (fault: T) => Promise<void>) => {
      if (fault !== undefined && 'notApplicable' in fault) it.skip(`${title} (not applicable to ${name}: ${fault.notApplicable})`, () => undefined);
      else it(title, { timeout }, () => body(fault as T));
    };

    applicable('requeues exactly the one task that got the pre-timeout notice, never its running siblings', faults.preTimeout, async (fault) => {
      const dir = await tempDir();
      const script = 'f="$SPECTRAMIND_RUN_DIR/log"; echo start >> "$f"; trap \'echo checkpoint >> "$f"; exit 0\' "${SPECTRAMIND_SLURM_SIGNAL:-USR2}"; sleep 25 & wait';
      const handle = (await launcherIn(dir, { max_num_timeout: 1 })).launch(Array.from({ length: 3 }, () => ({ command: ['bash', '-c', script] })), { mode: 'multirun', cwd: dir });
      const ids = new Map<number, string>();
      const started = new Set<number>();
      let signalled = -1;
      handle.on('job:state', (e) => {
        if (e.state === 'submitted' && e.detail !== null) ids.set(e.job.num, e.detail);
      });
      handle.on('job:start', (e) => {
        started.add(e.job.num);
        if (started.size < 3 || signalled >= 0) return;
        signalled = -2;
        void (async () => {
          const all = [0, 1, 2].map((num) => ids.get(num) ?? '');
          const target = fault.pick === undefined ? (all[1] as string) : await fault.pick(all);
          signalled = all.indexOf(target);
          // the task's trap must be set before the notice arrives
          setTimeout(() => void fault.signal(target), 2000);
        })();
      });
      const result = await handle;
      expect(signalled).toBeGreaterThanOrEqual(0);
      expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
      for (const num of [0, 1, 2]) {
        const lines = readFileSync(join(dir, 'sweep', String(num), 'log'), 'utf8').trim().split('\n');
        expect({ num, lines, attempts: result.jobs[num]?.attempts }).toEqual(num === signalled ? { num, lines: ['start', 'checkpoint', 'start'], attempts: 2 } : { num, lines: ['start'], attempts: 1 });
      }
    });

    applicable('fails a request no node can run at once, in the scheduler words, naming the field to change', faults.impossibleRequest, async (fault) => {
      const dir = await tempDir();
      const started = Date.now();
      const result = await (await launcherIn(dir, fault.config)).launch([{ command: ['true'] }, { command: ['true'] }], { mode: 'multirun', cwd: dir });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(result.jobs.map((j) => j.status)).toEqual(['failed', 'failed']);
      for (const job of result.jobs) {
        const error = job.status === 'failed' ? job.error : null;
        expect(error?.code).toBe(fault.code);
        expect(error?.message).toMatch(fault.words);
        expect(error?.message).toContain(fault.field);
        // nothing went into the queue for it
        expect(job.attempts).toBe(0);
      }
    });

    applicable('follows jobs through the controller when the accounting query fails, and never records a finished job as failed', faults.accountingOutage, async (fault) => {
      const dir = await tempDir();
      const started = Date.now();
      const result = await (await launcherIn(dir, {}, await fault.launchers())).launch([{ command: ['sleep', '2'] }, { command: ['bash', '-c', 'exit 3'] }], { mode: 'multirun', cwd: dir });
      expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed']);
      expect(result.jobs[1]?.status === 'failed' && result.jobs[1].exitCode).toBe(3);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(fault.warnings().join('\n')).toMatch(fault.warning);
    });

    applicable('runs arrays split by size side by side up to array_parallelism, not one array at a time', faults.chainedParallelism ?? { jobs: 24, maxArraySize: 4, parallelism: 10 }, async (fault) => {
      const dir = await tempDir();
      const script = 's=$(date +%s.%N); sleep 4; echo "$s $(date +%s.%N)" > "$SPECTRAMIND_RUN_DIR/span"';
      const jobs = Array.from({ length: fault.jobs }, () => ({ command: ['bash', '-c', script] }));
      const result = await (await launcherIn(dir, { max_array_size: fault.maxArraySize, array_parallelism: fault.parallelism })).launch(jobs, { mode: 'multirun', cwd: dir });
      expect(result.ok).toBe(true);
      const spans = jobs.map((_, num) => join(dir, 'sweep', String(num), 'span')).filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8').trim().split(' ').map(Number) as [number, number]);
      expect(spans).toHaveLength(fault.jobs);
      const most = mostAtOnce(spans);
      expect(most).toBeLessThanOrEqual(fault.parallelism);
      // one array at a time would never run more than an array's size at once
      expect(most).toBeGreaterThan(fault.maxArraySize);
    });
  });
}

/** The most spans open at one moment (an end at the same time as a start closes first). */
function mostAtOnce(spans: readonly (readonly [number, number])[]): number {
  const marks = spans.flatMap(([start, end]) => [[start, 1] as const, [end, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, delta] of marks) {
    open += delta;
    most = Math.max(most, open);
  }
  return most;
}
