import type { SchedulerRecord } from './scheduler-record.js';
import { isFinalState } from './scheduler-state.js';

/** What the watcher remembers about one job between polls (immutable; each poll makes a new one). */
export interface TrackedJob {
  readonly num: number;
  readonly arrayJobId: string;
  readonly task: number;
  /** Last state reported (normalised), null before the first record. */
  readonly state: string | null;
  readonly attempt: number;
  /** The attempt a `job:start` was last emitted for (0: none). */
  readonly startedAttempt: number;
  /** How many times the launcher requeued it after PREEMPTED / NODE_FAIL. */
  readonly preemptRequeues: number;
  /** Set after the launcher asked for a requeue: final records are stale until a live one shows. */
  readonly awaitingRequeue: boolean;
  /** Polls in a row without any record of this job. */
  readonly missingPolls: number;
  /** The last record said running (by kind, so every backend's native names count). */
  readonly running: boolean;
}

/** What one poll means for one job. */
export type TrackStep =
  | { readonly action: 'wait'; readonly next: TrackedJob; readonly notes: readonly TrackNote[] }
  | { readonly action: 'requeue'; readonly next: TrackedJob; readonly notes: readonly TrackNote[] }
  | { readonly action: 'finish'; readonly next: TrackedJob; readonly notes: readonly TrackNote[]; readonly record: SchedulerRecord };

/** Things worth an event: a state change, or the start of an attempt. */
export type TrackNote =
  | { readonly type: 'state'; readonly state: string; readonly attempt: number; readonly detail: string | null }
  | { readonly type: 'start'; readonly attempt: number };

/** A job just submitted, before any record. */
export function newTrackedJob(num: number, arrayJobId: string, task: number): TrackedJob {
  return { num, arrayJobId, task, state: null, attempt: 1, startedAttempt: 0, preemptRequeues: 0, awaitingRequeue: false, missingPolls: 0, running: false };
}

/**
 * Advances one job by one poll. Pure: decides the notes to emit and whether the job is
 * finished, should be requeued (PREEMPTED / NODE_FAIL, up to `maxPreemptRequeues`), or waits.
 * A job without a record waits: it is never declared failed before its final record is read.
 */
export function trackJob(job: TrackedJob, record: SchedulerRecord | undefined, maxPreemptRequeues: number): TrackStep {
  if (record === undefined) return { action: 'wait', next: { ...job, missingPolls: job.missingPolls + 1 }, notes: [] };
  const final = isFinalState(record.kind);
  if (job.awaitingRequeue && final && (record.attempt === null || record.attempt <= job.attempt)) {
    return { action: 'wait', next: { ...job, missingPolls: 0 }, notes: [] };
  }
  // squeue and qstat do not count restarts: a running job seen pending again was requeued
  const wasRunning = job.running;
  const inferred = record.attempt ?? (wasRunning && (record.kind === 'pending' || record.kind === 'requeued') ? job.attempt + 1 : job.attempt);
  const attempt = Math.max(job.attempt, inferred);
  const notes: TrackNote[] = [];
  if (record.state !== job.state || attempt !== job.attempt) {
    notes.push({ type: 'state', state: record.state, attempt, detail: record.reason });
  }
  let next: TrackedJob = { ...job, state: record.state, attempt, missingPolls: 0, awaitingRequeue: job.awaitingRequeue && final, running: record.kind === 'running' };
  if (record.kind === 'running' && job.startedAttempt < attempt) {
    notes.push({ type: 'start', attempt });
    next = { ...next, startedAttempt: attempt };
  }
  if (!final) return { action: 'wait', next, notes };
  if ((record.kind === 'preempted' || record.kind === 'node-fail') && job.preemptRequeues < maxPreemptRequeues) {
    const count = job.preemptRequeues + 1;
    notes.push({ type: 'state', state: 'REQUEUE', attempt, detail: `requeued after ${record.state} (${count} of ${maxPreemptRequeues})` });
    return { action: 'requeue', next: { ...next, preemptRequeues: count, awaitingRequeue: true }, notes };
  }
  return { action: 'finish', next, notes, record };
}
