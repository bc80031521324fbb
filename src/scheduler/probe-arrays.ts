import type { JobErrorInfo } from '../job/job-outcome.js';
import type { DescribedArray } from './render-batch-launch.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { schedulerCode } from './scheduler-errors.js';

/**
 * Asks the scheduler, before anything is submitted, whether it could ever run each array as
 * asked (SLURM: `sbatch --test-only`). Submitted held, an impossible request is accepted and
 * then pends forever; probed, it fails at once with the scheduler's own words. Arrays with the
 * same request (time limit and name) are probed once. Returns array index -> the verdict.
 */
export async function probeArrays(arrays: readonly DescribedArray[], commands: SchedulerCommands, signal: AbortSignal): Promise<Map<number, string>> {
  const verdicts = new Map<number, string>();
  if (commands.probe === undefined) return verdicts;
  const byRequest = new Map<string, string | null>();
  for (const array of arrays) {
    if (signal.aborted) break;
    const key = `${array.timeMin}\u0000${array.jobName}`;
    if (!byRequest.has(key)) byRequest.set(key, await commands.probe(array.script));
    const verdict = byRequest.get(key) ?? null;
    if (verdict !== null) verdicts.set(array.index, verdict);
  }
  return verdicts;
}

/** The error of a job whose request the scheduler refused: its words, and the fields to change. */
export function impossibleRequestError(voice: { readonly name: string; readonly label: string }, verdict: string, fields: readonly string[]): JobErrorInfo {
  const change = fields.length === 0 ? 'Change the resources this launch asks for' : `Change one of: ${fields.join(', ')}`;
  return {
    name: 'ImpossibleRequestError',
    code: schedulerCode(voice, 'IMPOSSIBLE_REQUEST'),
    message: `${voice.label} can never run this job as asked: ${JSON.stringify(verdict.trim())}. ${change} (the cluster has less).`,
  };
}
