import { join } from 'node:path';
import { readLogTail } from '../run/read-log-tail.js';
import type { JobRecord } from '../run/launch-result.js';
import type { JobState, JobTable } from './job-table.js';

/** What `stdout()` / `stderr()` read. */
export interface JobLogOptions {
  /** The last this many lines; null: all of the last `maxBytes`. @default null */
  readonly tail?: number | null;
  /** Never reads more than this many bytes from the end of the log. @default 1048576 (1 MiB) */
  readonly maxBytes?: number;
}

/**
 * One job of a running launch, as submitit's `Job` is: its scheduler id, state, logs, result
 * and a cancel of this job alone. A live view: every read asks the launch's job table.
 */
export class JobHandle {
  readonly num: number;
  readonly #table: JobTable;

  /** @internal Built by `LaunchHandle.job()`. */
  constructor(table: JobTable, num: number) {
    this.#table = table;
    this.num = num;
  }

  /** The job's stable id (`<launchId>_<num>`). */
  get id(): string {
    return this.#table.ref(this.num)?.id ?? this.#table.planned(this.num)?.id ?? '';
  }

  /** The job's name (`hydra.job.name`). */
  get name(): string {
    return this.#table.ref(this.num)?.name ?? this.#table.planned(this.num)?.name ?? '';
  }

  /** The job's output folder (`hydra.runtime.output_dir`); null before the launch reached the job. */
  get outputDir(): string | null {
    return this.#table.ref(this.num)?.outputDir ?? null;
  }

  /** The scheduler's id (`<array>_<task>` on SLURM, `<job>.<task>` style on SGE as recorded); null until submitted, and for jobs of this machine. */
  get schedulerId(): string | null {
    const state = this.#table.state(this.num);
    if (state.phase === 'finished') return state.record.scheduler?.id ?? (state.record.status === 'detached' ? state.record.schedulerId : null);
    return this.#table.access(this.num)?.schedulerId ?? null;
  }

  /** Where the job is now (queued, pending with the scheduler's word, running, finished with its record). */
  get state(): JobState {
    return this.#table.state(this.num);
  }

  get done(): boolean {
    return this.#table.state(this.num).phase === 'finished';
  }

  /** The end of the job's stdout log (bounded, never the whole file); null when it has none yet. */
  stdout(options: JobLogOptions = {}): Promise<string | null> {
    return this.#readLog('stdout', options);
  }

  /** The end of the job's stderr log (the stdout log when the launcher merges them). */
  stderr(options: JobLogOptions = {}): Promise<string | null> {
    return this.#readLog('stderr', options);
  }

  /**
   * Resolves with the job's record once it ended: the outcome (`status`, `result`, `error` ...),
   * its scheduler id and logs, and `tasks` (every task's result) for a multi-task job.
   * Rejects only when the launch failed as a whole before recording it.
   */
  result(): Promise<JobRecord> {
    return this.#table.record(this.num);
  }

  /**
   * Cancels this job alone; the rest of the launch carries on. A running job is stopped (SIGTERM,
   * then SIGKILL; `scancel`/`qdel` of its task on a scheduler), a queued one never starts; it is
   * recorded `cancelled` with `reason`. Resolves true once the cancel was sent (or will be, when
   * the launch reaches the job), false when the job had already ended.
   */
  cancel(reason = `cancelled through its job handle`): Promise<boolean> {
    return this.#table.cancel(this.num, reason);
  }

  async #readLog(stream: 'stdout' | 'stderr', options: JobLogOptions): Promise<string | null> {
    const file = this.#logFile(stream);
    return file === null ? null : readLogTail(file, { lines: options.tail ?? null, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
  }

  #logFile(stream: 'stdout' | 'stderr'): string | null {
    const state = this.#table.state(this.num);
    if (state.phase !== 'finished') return this.#table.access(this.num)?.[stream] ?? null;
    // a batch job's record names its logs; a job of this machine wrote them in its folder
    return state.record.scheduler?.[stream] ?? join(state.record.job.outputDir, `${stream}.log`);
  }
}
