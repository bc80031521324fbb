import type { JobErrorInfo } from '../job/job-outcome.js';
import { schedulerCode } from './scheduler-errors.js';

/** The error of a job whose request the scheduler refused: its words, and the fields to change. */
export function impossibleRequestError(voice: { readonly name: string; readonly label: string }, verdict: string, fields: readonly string[]): JobErrorInfo {
  const change = fields.length === 0 ? 'Change the resources this launch asks for' : `Change one of: ${fields.join(', ')}`;
  return {
    name: 'ImpossibleRequestError',
    code: schedulerCode(voice, 'IMPOSSIBLE_REQUEST'),
    message: `${voice.label} can never run this job as asked: ${JSON.stringify(verdict.trim())}. ${change} (the cluster has less).`,
  };
}
