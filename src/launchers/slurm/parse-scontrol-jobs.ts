import type { SchedulerRecord } from '../../scheduler/scheduler-record.js';
import { expandTaskList, parseExitPair } from './slurm-job-id.js';
import { classifySlurmState, normaliseSlurmState } from './slurm-state.js';

/**
 * Parses `scontrol show job -o <id>` (one job per line, `Key=Value` pairs): the final record
 * of tasks that left squeue, used when accounting (sacct) is off.
 */
export function parseScontrolJobs(text: string): SchedulerRecord[] {
  const records: SchedulerRecord[] = [];
  for (const line of text.split('\n')) {
    const fields = keyValues(line);
    const jobId = fields.get('JobId');
    if (jobId === undefined) continue;
    const arrayJobId = fields.get('ArrayJobId') ?? jobId;
    const taskText = fields.get('ArrayTaskId');
    // every job of ours is an array task; a line without a task id is someone else's job
    if (taskText === undefined) continue;
    const state = normaliseSlurmState(fields.get('JobState') ?? '');
    const { exitCode, signal } = parseExitPair(fields.get('ExitCode') ?? '');
    const restarts = Number(fields.get('Restarts') ?? '0');
    const reason = fields.get('Reason');
    for (const task of expandTaskList(taskText)) {
      records.push({
        arrayJobId,
        task,
        state,
        kind: classifySlurmState(state),
        exitCode,
        signal,
        reason: reason === undefined || reason === 'None' ? null : reason,
        attempt: Number.isFinite(restarts) ? restarts + 1 : null,
      });
    }
  }
  return records;
}

/** Reads `MaxArraySize` from `scontrol show config`; null when absent. */
export function parseMaxArraySize(configText: string): number | null {
  const match = /^\s*MaxArraySize\s*=\s*(\d+)/m.exec(configText);
  return match?.[1] === undefined ? null : Number(match[1]);
}

// `Key=Value Key2=Value with spaces?` — scontrol -o separates pairs by single spaces; a value
// runs until the next ` Key=`.
function keyValues(line: string): Map<string, string> {
  const map = new Map<string, string>();
  const pattern = /(?:^|\s)([A-Za-z][A-Za-z0-9_:/]*)=(.*?)(?=\s+[A-Za-z][A-Za-z0-9_:/]*=|$)/g;
  for (const match of line.matchAll(pattern)) {
    if (match[1] !== undefined && !map.has(match[1])) map.set(match[1], (match[2] ?? '').trim());
  }
  return map;
}
