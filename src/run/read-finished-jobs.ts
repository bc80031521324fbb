import { readFileSync } from 'node:fs';

/** What an earlier launch recorded about one job in its `events.jsonl`. */
export interface RecordedJob {
  readonly num: number;
  readonly overrides: readonly string[];
  readonly status: string;
  /** The `job:end` event as it was written. */
  readonly event: Readonly<Record<string, unknown>>;
}

/**
 * Reads a launch folder's `events.jsonl` and returns the last recorded end of every job, by
 * job number. A torn last line (a launch killed mid-write) is ignored; a missing file gives an
 * empty map.
 */
export function readFinishedJobs(eventsFile: string): Map<number, RecordedJob> {
  let text: string;
  try {
    text = readFileSync(eventsFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const finished = new Map<number, RecordedJob>();
  for (const line of text.split('\n')) {
    if (!line.includes('"job:end"')) continue;
    let event: { type?: unknown; job?: { num?: unknown; overrides?: unknown }; status?: unknown };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      continue;
    }
    const num = event.job?.num;
    if (event.type !== 'job:end' || typeof num !== 'number' || typeof event.status !== 'string') continue;
    const overrides = Array.isArray(event.job?.overrides) ? (event.job.overrides as string[]) : [];
    finished.set(num, { num, overrides, status: event.status, event: event as Record<string, unknown> });
  }
  return finished;
}
