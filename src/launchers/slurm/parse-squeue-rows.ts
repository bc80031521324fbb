import type { SchedulerRecord } from '../../scheduler/scheduler-record.js';
import { splitJobId } from './slurm-job-id.js';
import { classifySlurmState, normaliseSlurmState } from './slurm-state.js';

/** The `-o` format these rows are parsed from (`squeue -h -r`). */
export const SQUEUE_FORMAT = '%i|%T|%r';

/**
 * Parses `squeue -h -r -o '%i|%T|%r'`: the live tasks only (squeue forgets finished jobs),
 * without exit codes or restart counts.
 */
export function parseSqueueRows(text: string): SchedulerRecord[] {
  const records: SchedulerRecord[] = [];
  for (const line of text.split('\n')) {
    const [jobId, rawState, reason] = line.split('|');
    if (jobId === undefined || rawState === undefined || jobId.trim() === '') continue;
    const id = splitJobId(jobId);
    if (id === null) continue;
    const state = normaliseSlurmState(rawState);
    const trimmed = (reason ?? '').trim();
    for (const task of id.tasks) {
      records.push({
        arrayJobId: id.arrayJobId,
        task,
        state,
        kind: classifySlurmState(state),
        exitCode: null,
        signal: null,
        reason: trimmed === '' || trimmed === 'None' ? null : trimmed,
        attempt: null,
      });
    }
  }
  return records;
}
