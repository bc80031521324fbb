import { parentPort } from 'node:worker_threads';
import { prepareJobFilesSync, type JobFilesTask } from './prepare-job-files.js';

/** What the launching thread sends: a batch of jobs to prepare, in order. */
export interface JobFilesRequest {
  readonly tasks: readonly JobFilesTask[];
}

/** What comes back, one per task: its log descriptors (null: no logs), or why it could not be prepared. */
export type JobFilesResult =
  | { readonly num: number; readonly ok: true; readonly logs: { readonly stdout: number; readonly stderr: number } | null }
  | { readonly num: number; readonly ok: false; readonly error: { readonly name: string; readonly message: string; readonly code?: string; readonly path?: string; readonly cause?: string } };

/** Prepares each task of a request in turn and answers with one message for the batch. */
export function serveJobFiles(port: NonNullable<typeof parentPort>): void {
  port.on('message', (request: JobFilesRequest) => {
    const results = request.tasks.map((task): JobFilesResult => {
      try {
        const logs = prepareJobFilesSync(task);
        return { num: task.num, ok: true, logs: logs === null ? null : { stdout: logs.stdout, stderr: logs.stderr } };
      } catch (error) {
        return { num: task.num, ok: false, error: errorData(error) };
      }
    });
    port.postMessage(results);
  });
}

/** An error as data (a worker's message cannot carry the class): what a job's record keeps of it. */
function errorData(error: unknown): Extract<JobFilesResult, { ok: false }>['error'] {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, path, cause } = error as { code?: unknown; path?: unknown; cause?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof path === 'string' ? { path } : {}),
    ...(cause instanceof Error ? { cause: cause.message } : {}),
  };
}

if (parentPort !== null) serveJobFiles(parentPort);
