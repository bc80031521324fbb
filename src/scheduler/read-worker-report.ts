import { readFile } from 'node:fs/promises';
import type { JobErrorInfo } from '../job/job-outcome.js';
import type { BatchPaths } from './batch-paths.js';
import { readJsonFile } from './write-batch-launch.js';

/** What a module job's worker left in its result file (`{ ok, result | error }`). */
export type WorkerReport = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: JobErrorInfo };

/** Reads a module job's result file from the shared filesystem; null when it is missing or not a report. */
export async function readWorkerReport(file: string): Promise<WorkerReport | null> {
  const value = (await readJsonFile(file).catch(() => null)) as Record<string, unknown> | null;
  if (value === null || typeof value !== 'object' || typeof value.ok !== 'boolean') return null;
  if (value.ok) return { ok: true, result: value.result ?? null };
  const error = (value.error ?? {}) as Record<string, unknown>;
  return { ok: false, error: { name: String(error.name ?? 'Error'), message: String(error.message ?? 'the job failed') } };
}

/** How the batch script saw the job end: its exit code (128+N: killed by signal N), or that its program was missing. */
export type ExitStatus = { readonly kind: 'exit'; readonly code: number } | { readonly kind: 'enoent' };

/** Reads the `exit-status` file the batch script writes after each attempt; null when there is none. */
export async function readExitStatus(file: string): Promise<ExitStatus | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  const word = text?.trim() ?? '';
  if (word === 'enoent') return { kind: 'enoent' };
  return /^\d+$/.test(word) ? { kind: 'exit', code: Number(word) } : null;
}

/** What a finished task left in its folder: the worker's report (module jobs) and the batch script's exit status. */
export interface TaskReport {
  readonly worker: WorkerReport | null;
  readonly exit: ExitStatus | null;
}

/** Reads a finished task's report files (the worker's only for module jobs). */
export async function readTaskReport(paths: Pick<BatchPaths, 'result' | 'exitStatus'>, num: number, kind: 'command' | 'module'): Promise<TaskReport> {
  const [worker, exit] = await Promise.all([kind === 'module' ? readWorkerReport(paths.result(num)) : null, readExitStatus(paths.exitStatus(num))]);
  return { worker, exit };
}
