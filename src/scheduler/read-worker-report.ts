import type { JobErrorInfo } from '../job/job-outcome.js';
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
