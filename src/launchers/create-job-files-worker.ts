import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobFilesResult } from '../run/job-files-worker.js';
import { jobLogPaths, type JobLogs } from '../run/open-job-logs.js';
import type { JobFilesTask } from '../run/prepare-job-files.js';

/** A worker thread that makes job folders, writes their `.hydra/` and opens their logs, a batch per message. */
export interface JobFilesWorker {
  /** False until the thread runs (and after it failed): jobs asked for then go the thread pool's way, so no job waits for a thread to boot. */
  readonly ready: boolean;
  /** One promise per task: the job's open logs (null: it has none), or why its folder could not be made. */
  prepare(tasks: readonly JobFilesTask[]): Promise<JobLogs | null>[];
  /** Waits for the tasks sent, then stops the thread. */
  close(): Promise<void>;
}

/**
 * The worker's heap limits. It holds a batch of paths and texts at a time, so V8's default young
 * generation (semi-spaces grown to 16 MB each under allocation) only costs resident memory: about
 * 10 MB of a 10^6-job lazy launch's peak RSS. Past the old-generation cap the thread stops and its
 * jobs go the thread pool's way ({@link JobFilesWorkerLostError}).
 */
export const JOB_FILES_WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } as const;

/** The worker thread itself failed (not a job's folder): its jobs are prepared another way. */
export class JobFilesWorkerLostError extends Error {
  constructor(cause: unknown) {
    super(`the job files worker stopped: ${String(cause)}`, { cause });
    this.name = 'JobFilesWorkerLostError';
  }
}

// Compiled, the entry sits beside this file's folder; from the TypeScript sources (tests), the build's copy is used.
function workerEntry(): string | null {
  const here = fileURLToPath(import.meta.url);
  const candidates = [join(dirname(here), '..', 'run', 'job-files-worker.js'), join(dirname(here), '..', '..', 'dist', 'run', 'job-files-worker.js')];
  return candidates.find((file) => existsSync(file)) ?? null;
}

/** Starts the worker; null when its entry is not built (the thread pool then does the work). */
export function createJobFilesWorker(): JobFilesWorker | null {
  const entry = workerEntry();
  if (entry === null) return null;
  let ready = false;
  let lost: unknown = null;
  const pending = new Map<number, { resolve(logs: JobLogs | null): void; reject(error: unknown): void; task: JobFilesTask }[]>();
  let inFlight = 0;
  let drained: (() => void) | null = null;
  // No loader flags (a test runner's): the entry is plain JavaScript. The descriptors it opens belong to the
  // launch (not closed when the thread ends: the launching thread hands them to children). Never keeps the process alive.
  const worker = new Worker(entry, { execArgv: [], stdout: false, stderr: false, trackUnmanagedFds: false, resourceLimits: JOB_FILES_WORKER_LIMITS });
  worker.unref();
  const settle = (num: number): NonNullable<ReturnType<typeof pending.get>>[number] | undefined => {
    const waiting = pending.get(num);
    const first = waiting?.shift();
    if (waiting !== undefined && waiting.length === 0) pending.delete(num);
    inFlight -= first === undefined ? 0 : 1;
    if (inFlight === 0) drained?.();
    return first;
  };
  worker.on('online', () => {
    ready = lost === null;
  });
  worker.on('message', (results: readonly JobFilesResult[]) => {
    for (const result of results) {
      const waiter = settle(result.num);
      if (waiter === undefined) continue;
      if (result.ok) waiter.resolve(result.logs === null ? null : { ...jobLogPaths(waiter.task.outputDir), ...result.logs });
      else waiter.reject(rebuildError(result.error));
    }
  });
  const fail = (error: unknown): void => {
    lost ??= error;
    ready = false;
    for (const num of [...pending.keys()]) for (let waiter = settle(num); waiter !== undefined; waiter = settle(num)) waiter.reject(new JobFilesWorkerLostError(error));
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(`exit code ${code}`));
  return {
    get ready() {
      return ready;
    },
    prepare(tasks) {
      const promises = tasks.map(
        (task) =>
          new Promise<JobLogs | null>((resolve, reject) => {
            const waiting = pending.get(task.num) ?? [];
            waiting.push({ resolve, reject, task });
            pending.set(task.num, waiting);
            inFlight += 1;
          }),
      );
      if (lost !== null) fail(lost);
      else worker.postMessage({ tasks });
      return promises;
    },
    async close() {
      if (inFlight > 0 && lost === null) await new Promise<void>((resolve) => (drained = resolve));
      drained = null;
      await worker.terminate();
    },
  };
}

/** A job's folder error as it left the worker: the same name, message, code and path (what its record keeps). */
function rebuildError(data: Extract<JobFilesResult, { ok: false }>['error']): Error {
  const error = new Error(data.message, data.cause === undefined ? undefined : { cause: new Error(data.cause) });
  error.name = data.name;
  return Object.assign(error, data.code === undefined ? {} : { code: data.code }, data.path === undefined ? {} : { path: data.path });
}
