import { prepareJobFilesSync } from '../run/prepare-job-files.js';
import type { JobFilesWorker } from './create-job-files-worker.js';

/**
 * Prepares jobs' folders, `.hydra/` and logs on the launching thread itself, synchronously, with
 * the same calls the worker thread makes. The preparer asks for them in the turn after a job
 * forked, so they are written while the started jobs run, ahead of need; the fork itself never
 * waits for them. Chosen where a second thread has no core of its own (see
 * `chooseJobFilesPreparation`): there the worker's wake-ups, and the copy-on-write faults and TLB
 * flushes its thread adds to every fork, cost the launching thread more than the writes do.
 */
export function createInlineJobFiles(): JobFilesWorker {
  return {
    ready: true,
    prepare: (tasks) =>
      tasks.map((task) => {
        try {
          return Promise.resolve(prepareJobFilesSync(task));
        } catch (error) {
          const failed = Promise.reject(error as Error);
          // Reported when that job runs (readyToRun), not as an unhandled rejection before.
          failed.catch(() => undefined);
          return failed;
        }
      }),
    close: () => Promise.resolve(),
  };
}
