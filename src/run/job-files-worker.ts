import { parentPort } from 'node:worker_threads';
import { toJobErrorInfo, type JobErrorInfo } from '../job/job-outcome.js';
import { prepareJobFilesSync, type JobFilesTask } from './prepare-job-files.js';

/** What the launching thread sends: a batch of jobs to prepare, in order. */
export interface JobFilesRequest {
  readonly tasks: readonly JobFilesTask[];
}

/** What comes back, one per task: its log descriptors (null: no logs), or why it could not be prepared. */
export type JobFilesResult =
  | { readonly num: number; readonly ok: true; readonly logs: { readonly stdout: number; readonly stderr: number } | null }
  | { readonly num: number; readonly ok: false; readonly error: JobErrorInfo };

/** Prepares each task of a request in turn and answers with one message for the batch. */
export function serveJobFiles(port: NonNullable<typeof parentPort>): void {
  port.on('message', (request: JobFilesRequest) => {
    const results = request.tasks.map((task): JobFilesResult => {
      try {
        const logs = prepareJobFilesSync(task);
        return { num: task.num, ok: true, logs: logs === null ? null : { stdout: logs.stdout, stderr: logs.stderr } };
      } catch (error) {
        return { num: task.num, ok: false, error: toJobErrorInfo(error) };
      }
    });
    port.postMessage(results);
  });
}

if (parentPort !== null) serveJobFiles(parentPort);
