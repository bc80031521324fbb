import type { JobOutcome } from '../job/job-outcome.js';
import type { JobRef, LaunchEvent } from '../run/launch-events.js';
import type { ReportJob, ReportJobStatus, ReportLaunch, SegmentEnd, TimelineSegment } from './report-model.js';

/** A job as the event log alone tells it (results and logs are read from its folder later). */
export type FoldedJob = Omit<ReportJob, 'results' | 'stderrTail' | 'logPath'> & {
  /** A completed job's return value (module and function jobs), else null. */
  readonly result: unknown;
};

/** What `foldLaunchEvents` makes of a log. */
export interface FoldedLaunches {
  readonly launches: readonly ReportLaunch[];
  readonly jobs: readonly FoldedJob[];
  /** True when the last launch has no `launch:end` yet. */
  readonly live: boolean;
}

// Native scheduler states that put a started job back in the queue (besides our own 'requeued').
const REQUEUE_STATES = /REQUEUE|PREEMPT/i;
// Statuses that mean the job ran (as opposed to never starting).
const RAN = new Set(['completed', 'failed', 'timed-out']);

interface JobState {
  ref: JobRef;
  segments: TimelineSegment[];
  open: { phase: 'wait' | 'run'; start: number; attempt: number; launchId: string } | null;
  end: { outcome: JobOutcome; durationMs: number; attempts: number } | null;
  place: string | null;
  schedulerId: string | null;
}

/**
 * Folds a launch folder's events (every launch of it, in file order) into one record per job:
 * its bar's segments (waiting, then each attempt; requeues and resumed launches add segments),
 * its last recorded end, and where it ran. Pure: `now` closes the segments still open.
 */
export function foldLaunchEvents(events: readonly LaunchEvent[], now: number): FoldedLaunches {
  const launches = new Map<string, { launch: ReportLaunch }>();
  const jobs = new Map<number, JobState>();
  const jobOf = (ref: JobRef): JobState => {
    let state = jobs.get(ref.num);
    if (state === undefined) {
      state = { ref, segments: [], open: null, end: null, place: null, schedulerId: null };
      jobs.set(ref.num, state);
    }
    state.ref = ref;
    return state;
  };
  const close = (state: JobState, at: number, ended: SegmentEnd): void => {
    const open = state.open;
    if (open === null) return;
    state.segments.push({ phase: open.phase, start: open.start, end: Math.max(at, open.start), attempt: open.attempt, launchId: open.launchId, ended });
    state.open = null;
  };

  for (const event of events) {
    const at = Date.parse(event.time);
    switch (event.type) {
      case 'launch:start':
        launches.set(event.launchId, {
          launch: { launchId: event.launchId, launcher: event.launcher, mode: event.mode, jobCount: event.jobCount, unreached: null, startedAt: at, endedAt: null, cancelled: false },
        });
        break;
      case 'launch:end': {
        const known = launches.get(event.launchId);
        if (known !== undefined) known.launch = { ...known.launch, endedAt: at, cancelled: event.cancelled, unreached: event.unreached ?? null };
        break;
      }
      case 'job:queued': {
        const state = jobOf(event.job);
        // A resumed launch queues the job again: what the earlier launch left open is over.
        close(state, at, { kind: 'superseded' });
        state.end = null;
        state.open = { phase: 'wait', start: at, attempt: 1, launchId: event.launchId };
        break;
      }
      case 'job:start': {
        const state = jobOf(event.job);
        close(state, at, state.open?.phase === 'run' ? { kind: 'requeued' } : { kind: 'started' });
        state.open = { phase: 'run', start: at, attempt: event.attempt, launchId: event.launchId };
        state.place = placeOf(event) ?? state.place;
        break;
      }
      case 'job:state': {
        const state = jobOf(event.job);
        if (event.state === 'submitted' && event.detail !== null) state.schedulerId = event.detail;
        if ((event.state === 'requeued' || REQUEUE_STATES.test(event.native ?? '')) && state.open?.phase === 'run') {
          close(state, at, { kind: 'requeued' });
          state.open = { phase: 'wait', start: at, attempt: event.attempt, launchId: event.launchId };
        }
        break;
      }
      case 'job:end': {
        const state = jobOf(event.job);
        const { type: _t, time: _time, launchId: _l, job: _j, durationMs, attempts, ...outcome } = event;
        if (state.open?.phase !== 'run' && RAN.has(outcome.status)) {
          // Ended without a recorded start (a scheduler job that ran between two polls, or an
          // attached one): it ran for at most its duration, and not before it was queued.
          const start = Math.max(state.open?.start ?? Number.NEGATIVE_INFINITY, at - durationMs);
          close(state, start, { kind: 'started' });
          state.open = { phase: 'run', start, attempt: attempts, launchId: event.launchId };
        }
        close(state, at, { kind: 'ended', status: outcome.status });
        state.end = { outcome: outcome as JobOutcome, durationMs, attempts };
        break;
      }
      case 'job:output':
        break;
    }
  }

  const launchList = [...launches.values()].map((entry) => entry.launch);
  const last = launchList.at(-1);
  const live = last !== undefined && last.endedAt === null;
  const folded = [...jobs.values()]
    .sort((a, b) => a.ref.num - b.ref.num)
    .map((state): FoldedJob => {
      const segments = state.open === null ? state.segments : [...state.segments, { ...state.open, end: Math.max(now, state.open.start), ended: { kind: 'open' } as const }];
      return {
        num: state.ref.num,
        id: state.ref.id,
        name: state.ref.name,
        overrides: state.ref.overrides,
        outputDir: state.ref.outputDir,
        status: statusOf(state),
        exitCode: state.end !== null && 'exitCode' in state.end.outcome ? state.end.outcome.exitCode : null,
        durationMs: state.end?.durationMs ?? null,
        attempts: state.end?.attempts ?? segments.filter((s) => s.phase === 'run').length,
        message: state.end === null ? null : messageOf(state.end.outcome),
        segments,
        place: state.place,
        schedulerId: state.schedulerId,
        result: state.end?.outcome.status === 'completed' ? state.end.outcome.result : null,
      };
    });
  return { launches: launchList, jobs: folded, live };
}

function statusOf(state: JobState): ReportJobStatus {
  if (state.end !== null) return state.end.outcome.status;
  return state.open?.phase === 'run' ? 'running' : 'queued';
}

/** A device (`CUDA_VISIBLE_DEVICES`) or a node, when the launcher recorded one. */
function placeOf(event: Extract<LaunchEvent, { type: 'job:start' }>): string | null {
  // `node`/`host` are read when a scheduler backend records them; the typed events carry `device`.
  const extra = event as unknown as { node?: unknown; host?: unknown };
  if (typeof extra.node === 'string' && extra.node !== '') return `node ${extra.node}`;
  if (typeof extra.host === 'string' && extra.host !== '') return `node ${extra.host}`;
  if (event.device !== null && event.device !== '') return `device ${event.device}`;
  return null;
}

function messageOf(outcome: JobOutcome): string | null {
  switch (outcome.status) {
    case 'completed':
      return null;
    case 'failed':
      return outcome.error.message;
    case 'timed-out':
      return `timed out after ${outcome.timeoutMs} ms${outcome.signal === null ? '' : ` (${outcome.signal})`}`;
    case 'cancelled':
    case 'skipped':
    case 'detached':
      return outcome.reason;
  }
}
