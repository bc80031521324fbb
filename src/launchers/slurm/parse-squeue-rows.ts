import type { SchedulerRecord } from '../../scheduler/scheduler-record.js';
import { splitJobId } from './slurm-job-id.js';
import { classifySlurmState, normaliseSlurmState } from './slurm-state.js';

/**
 * The `-O` fields these rows are parsed from (`squeue -h -r -t all`), each ended by `|`: a field
 * with a suffix and no width is printed whole, never padded or cut.
 */
export const SQUEUE_FIELDS = 'JobArrayID:|,State:|,exit_code:|,RestartCnt:|,Reason:|';

/**
 * Parses `squeue -h -r -t all -O <SQUEUE_FIELDS>`: every task the controller still holds,
 * finished ones too (until MinJobAge), with the exit status and the restart count. squeue's
 * `exit_code` is the raw wait status (`768` = exit 3, `11` = SIGSEGV), decoded into the
 * `code:signal` pair sacct prints; attempt = restarts + 1, as scontrol counts them.
 */
export function parseSqueueRows(text: string): SchedulerRecord[] {
  const records: SchedulerRecord[] = [];
  for (const line of text.split('\n')) {
    const [jobId, rawState, status, restarts, reason] = line.split('|');
    if (jobId === undefined || rawState === undefined || jobId.trim() === '') continue;
    const id = splitJobId(jobId);
    if (id === null) continue;
    const state = normaliseSlurmState(rawState);
    const wait = wholeNumber(status);
    const restartCount = wholeNumber(restarts);
    const trimmed = (reason ?? '').trim();
    for (const task of id.tasks) {
      records.push({
        arrayJobId: id.arrayJobId,
        task,
        state,
        kind: classifySlurmState(state),
        exitCode: wait === null ? null : (wait >> 8) & 0xff,
        signal: wait === null ? null : wait & 0x7f,
        reason: trimmed === '' || trimmed === 'None' ? null : trimmed,
        attempt: restartCount === null ? null : restartCount + 1,
      });
    }
  }
  return records;
}

/** A field that holds a whole number, or null (empty, or not a number: `Number('')` would read 0). */
function wholeNumber(field: string | undefined): number | null {
  const text = (field ?? '').trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}
