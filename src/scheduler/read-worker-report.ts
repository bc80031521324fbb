import { readFile } from 'node:fs/promises';
import { readWorkerReport, type WorkerReport } from '../job/read-worker-report.js';
import type { BatchPaths } from './batch-paths.js';

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
