import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { TaskResult } from '../job/job-outcome.js';
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
  /** The report that speaks for the job: the first failing task's, else task 0's. */
  readonly worker: WorkerReport | null;
  readonly exit: ExitStatus | null;
  /** Every task's report when the job ran several tasks (`result.N.json` beside `result.json`); null for one task. */
  readonly tasks?: readonly TaskResult[] | null;
}

/** Reads a finished task's report files (the worker's only for module jobs). */
export async function readTaskReport(paths: Pick<BatchPaths, 'result' | 'exitStatus'>, num: number, kind: 'command' | 'module'): Promise<TaskReport> {
  const [reports, exit] = await Promise.all([kind === 'module' ? readTaskReports(paths.result(num)) : [], readExitStatus(paths.exitStatus(num))]);
  const first = reports[0] ?? null;
  const failing = reports.find((report) => report?.ok === false) ?? null;
  const tasks = reports.length > 1 ? reports.map((report, task) => taskResult(task, report)) : null;
  return { worker: failing ?? first, exit, tasks };
}

/** `result.json` (task 0) and every `result.N.json` a multi-task job's other tasks wrote, by task number. */
async function readTaskReports(file: string): Promise<(WorkerReport | null)[]> {
  const stem = basename(file, '.json');
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  const ranks = names.flatMap((name) => {
    const rank = name.startsWith(`${stem}.`) && name.endsWith('.json') ? name.slice(stem.length + 1, -'.json'.length) : '';
    return /^\d+$/.test(rank) ? [Number(rank)] : [];
  });
  const last = Math.max(0, ...ranks);
  return Promise.all(Array.from({ length: last + 1 }, (_, rank) => readWorkerReport(rank === 0 ? file : file.replace(/\.json$/, `.${rank}.json`))));
}

function taskResult(task: number, report: WorkerReport | null): TaskResult {
  if (report === null) return { task, status: 'unknown' };
  return report.ok ? { task, status: 'completed', result: report.result } : { task, status: 'failed', error: report.error };
}
