import { readFile } from 'node:fs/promises';
import type { JobErrorInfo } from './job-outcome.js';

/** What a module job's worker left in its result file (`{ ok, result | error }`). */
export type WorkerReport = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: JobErrorInfo };

/**
 * Reads a module job's result file (local or on a shared filesystem), checking its shape; null
 * when it is missing, unreadable or not a report. One reader for every launcher.
 */
export async function readWorkerReport(file: string): Promise<WorkerReport | null> {
  let value: Record<string, unknown> | null;
  try {
    value = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> | null;
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || typeof value.ok !== 'boolean') return null;
  if (value.ok) return { ok: true, result: value.result ?? null };
  const error = (value.error ?? {}) as Record<string, unknown>;
  const code = typeof error.code === 'string' ? { code: error.code } : {};
  return { ok: false, error: { name: String(error.name ?? 'Error'), message: String(error.message ?? 'the job failed'), ...code } };
}
