import { type SchedulerRecord, taskKey } from '../../scheduler/scheduler-record.js';
import { parseExitPair, splitJobId } from './slurm-job-id.js';
import { classifySlurmState, normaliseSlurmState } from './slurm-state.js';

/** The `--format` these rows are parsed from (`sacct -n -P -X -D`). */
export const SACCT_FORMAT = 'JobID,State,ExitCode,Reason';

/**
 * Parses `sacct -n -P -X -D --format=JobID,State,ExitCode,Reason` into one record per array
 * task: its latest row, with `attempt` counted from its rows (each requeue leaves a REQUEUED
 * row). Rows that name one task win over a pending range row (`12_[4-7%2]`), which sacct
 * keeps printing for a while after tasks started.
 */
export function parseSacctRows(text: string): SchedulerRecord[] {
  const specific = new Map<string, { rows: number; last: SchedulerRecord }>();
  const ranges = new Map<string, SchedulerRecord>();
  for (const line of text.split('\n')) {
    const [jobId, rawState, exit, reason] = line.split('|');
    if (jobId === undefined || rawState === undefined || jobId.trim() === '') continue;
    const id = splitJobId(jobId);
    if (id === null) continue;
    const { exitCode, signal } = parseExitPair(exit ?? '');
    const state = normaliseSlurmState(rawState);
    const base = { arrayJobId: id.arrayJobId, state, kind: classifySlurmState(state), exitCode, signal, reason: emptyToNull(reason) };
    const isRange = jobId.includes('[');
    for (const task of id.tasks) {
      const key = taskKey(id.arrayJobId, task);
      if (isRange) {
        ranges.set(key, { ...base, task, attempt: 1 });
        continue;
      }
      const rows = (specific.get(key)?.rows ?? 0) + 1;
      specific.set(key, { rows, last: { ...base, task, attempt: rows } });
    }
  }
  const records = new Map<string, SchedulerRecord>(ranges);
  for (const [key, { last }] of specific) {
    // a REQUEUED row is the end of an attempt: the next attempt is waiting to start
    records.set(key, last.kind === 'requeued' ? { ...last, attempt: (last.attempt ?? 1) + 1 } : last);
  }
  return [...records.values()];
}

function emptyToNull(text: string | undefined): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' || trimmed === 'None' ? null : trimmed;
}
