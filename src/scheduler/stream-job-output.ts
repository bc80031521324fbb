import { OUTPUT_EVENT_CAP_BYTES } from '../run/launch-events.js';
import type { Clock } from '../process/system-clock.js';
import { createLogTailer } from './tail-job-logs.js';

/** How often a batch job's growing logs are read for `streamOutput`. @default 1000 */
export const TAIL_INTERVAL_MS = 1000;

type Logs = { readonly stdout: string; readonly stderr: string };

/** `streamOutput` for batch jobs, or its absence: what a launch and an attach do at a job's start and end. */
export interface JobOutputStream {
  /** A task started running: its logs are tailed from now on (when streaming). */
  started(num: number, logs: Logs): void;
  /** Records a job's end through `record`: at once, or (when streaming) after its logs' last lines were emitted. */
  finish(num: number, logs: Logs, record: () => void): void;
  /** Waits for every end still draining a log, and stops tailing: nothing is emitted after it. Safe to call twice. */
  settle(): Promise<void>;
}

export interface JobOutputStreamOptions {
  /** False: no tailing, every end is recorded at once. */
  readonly stream: boolean;
  readonly clock: Clock;
  /** @default TAIL_INTERVAL_MS */
  readonly intervalMs?: number;
  /** A line of a job's output, bounded and capped per job as the local launcher's are. */
  readonly onLine: (num: number, stream: 'stdout' | 'stderr', line: string) => void;
}

/**
 * Tails batch jobs' log files into lines as the local launcher streams its children's output,
 * holding each job's end until its last lines are out, so `job:output` always comes before the
 * job's `job:end`, and every `job:end` before `launch:end` once `settle()` returned.
 */
export function streamJobOutput(options: JobOutputStreamOptions): JobOutputStream {
  if (!options.stream) return { started: () => undefined, finish: (_num, _logs, record) => record(), settle: async () => undefined };
  const tailer = createLogTailer({ clock: options.clock, intervalMs: options.intervalMs ?? TAIL_INTERVAL_MS, capBytes: OUTPUT_EVENT_CAP_BYTES, onLine: options.onLine });
  const draining = new Set<Promise<void>>();
  return {
    started: (num, logs) => tailer.follow(num, logs),
    finish(num, logs, record) {
      const done = tailer.drain(num, logs).then(record);
      draining.add(done);
      void done.catch(() => undefined).finally(() => draining.delete(done));
    },
    async settle() {
      while (draining.size > 0) await Promise.allSettled([...draining]);
      await tailer.close();
    },
  };
}
