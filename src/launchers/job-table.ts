import type { InFlightState, JobRef, LaunchEvent } from '../run/launch-events.js';
import type { JobRecord } from '../run/launch-result.js';

/**
 * Where one job of a launch is, as its handle reports it. `native` is the scheduler's own word
 * (`PENDING`, `qw`), null for jobs of this machine.
 */
export type JobState =
  /** Known to the launch, not handed to a scheduler or started yet. */
  | { readonly phase: 'queued' }
  /** With a scheduler, waiting to run (submitted, pending, requeued). */
  | { readonly phase: 'pending'; readonly state: InFlightState; readonly native: string | null; readonly attempt: number; readonly detail: string | null }
  /** Running; `state` turns `cancelling` when a batch launch is cancelled, `attempt-ended` when the scheduler says the attempt is over. */
  | { readonly phase: 'running'; readonly state: InFlightState; readonly native: string | null; readonly attempt: number; readonly pid: number | null }
  /** Ended: its final record (the outcome, scheduler id and log files, per-task results). */
  | { readonly phase: 'finished'; readonly record: JobRecord };

/** How to reach one job where it runs: a per-job handle's logs and cancel go through it. */
export interface JobAccess {
  /** The scheduler's id of the job (`<array>_<task>`); null for a job of this machine. */
  readonly schedulerId: string | null;
  /** Its log files; null when it has none (a function job). */
  readonly stdout: string | null;
  readonly stderr: string | null;
  /** Stops this job alone; the backend records its end (`cancelled`) as usual. */
  cancel(reason: string): Promise<void>;
}

/** The few facts a handle knows about a job before the launch reaches it (from the plan). */
export interface PlannedJobFacts {
  readonly num: number;
  readonly id: string;
  readonly name: string;
}

/** What a launch knows of its jobs before it reaches them: facts by number (an array), and how many there are (null: a source that does not say). */
export interface KnownJobs {
  readonly facts: (num: number) => PlannedJobFacts | undefined;
  readonly count: number | null;
}

/**
 * The per-job book of one launch, fed by its events and by the backends' {@link JobAccess}.
 * It keeps entries only for the jobs the launch has reached (a lazy job source is never walked).
 */
export interface JobTable {
  /** The plan's facts about job `num`; undefined when not planned yet (a lazy source) or no such job. */
  planned(num: number): PlannedJobFacts | undefined;
  /** True when the launch has (or, for a source still being read, may have) a job `num`. */
  has(num: number): boolean;
  /** The jobs the launch has reached, in number order. */
  reached(): readonly number[];
  state(num: number): JobState;
  /** The job's facts as its events carry them (folder included); undefined before the launch reached it. */
  ref(num: number): JobRef | undefined;
  access(num: number): JobAccess | undefined;
  /** Resolves with the job's record once it ended; rejects when the launch failed before recording it. */
  record(num: number): Promise<JobRecord>;
  /** Cancels one job now, or as soon as the launch hands it to a backend. False when it already ended. */
  cancel(num: number, reason: string): Promise<boolean>;
  /** The reason a job was cancelled through its handle, if it was (backends word its record with it). */
  cancelReason(num: number): string | null;
  /** @internal Every event of the launch, in order. */
  observe(event: LaunchEvent): void;
  /** @internal A backend tells where job `num` runs. A cancel asked for earlier is sent now. */
  expose(num: number, access: JobAccess): void;
  /** @internal A job's record kept from an earlier launch (resume). */
  keep(num: number, record: JobRecord): void;
  /** @internal The launch settled: waiters of jobs without a record are told why. */
  close(error: unknown): void;
}

interface Waiter {
  readonly promise: Promise<JobRecord>;
  resolve(record: JobRecord): void;
  reject(error: unknown): void;
}

/** Builds the job table of one launch; `known` reads the plan by number (never the whole list). */
export function createJobTable(known: KnownJobs): JobTable {
  const states = new Map<number, JobState>();
  const refs = new Map<number, JobRef>();
  const accesses = new Map<number, JobAccess>();
  const wanted = new Map<number, string>();
  const waiters = new Map<number, Waiter>();
  let closed: { readonly error: unknown } | null = null;

  const waiter = (num: number): Waiter => {
    let entry = waiters.get(num);
    if (entry === undefined) {
      let resolve!: (record: JobRecord) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<JobRecord>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      // A handle nobody asked for a result must not raise an unhandled rejection.
      promise.catch(() => undefined);
      entry = { promise, resolve, reject };
      waiters.set(num, entry);
    }
    return entry;
  };
  // A finished job keeps only its record (it names its folder, scheduler id and logs).
  const finish = (num: number, record: JobRecord): void => {
    states.set(num, { phase: 'finished', record });
    refs.delete(num);
    accesses.delete(num);
    // only a waiter someone asked for: record() of a finished job reads its state, so no promise per job is kept
    waiters.get(num)?.resolve(record);
    waiters.delete(num);
  };
  const sendCancel = (access: JobAccess, reason: string): Promise<void> => access.cancel(reason).catch(() => undefined);

  return {
    planned: known.facts,
    has: (num) => Number.isInteger(num) && num >= 0 && (states.has(num) || known.facts(num) !== undefined || (known.count === null ? closed === null : num < known.count)),
    reached: () => [...states.keys()].sort((a, b) => a - b),
    state: (num) => states.get(num) ?? { phase: 'queued' },
    access: (num) => accesses.get(num),
    ref(num) {
      const current = states.get(num);
      return current?.phase === 'finished' ? current.record.job : refs.get(num);
    },
    record: (num) => {
      const current = states.get(num);
      if (current?.phase === 'finished') return Promise.resolve(current.record);
      if (closed !== null) return Promise.reject(closed.error ?? new Error(`job ${num} has no record: the launch ended without reaching it`));
      return waiter(num).promise;
    },
    async cancel(num, reason) {
      if (states.get(num)?.phase === 'finished' || closed !== null) return false;
      if (wanted.has(num)) return true;
      wanted.set(num, reason);
      const access = accesses.get(num);
      if (access !== undefined) await sendCancel(access, reason);
      return true;
    },
    cancelReason: (num) => wanted.get(num) ?? null,
    observe(event) {
      if (!('job' in event)) return;
      const num = event.job.num;
      const current = states.get(num);
      if (current?.phase === 'finished') return;
      refs.set(num, event.job);
      switch (event.type) {
        case 'job:queued':
          if (current === undefined) states.set(num, { phase: 'queued' });
          return;
        case 'job:start':
          states.set(num, { phase: 'running', state: 'running', native: null, attempt: event.attempt, pid: event.pid });
          return;
        case 'job:state':
          states.set(num, nextState(current, event.state, event.native, event.attempt, event.detail));
          return;
        case 'job:end': {
          const { type: _t, time: _time, launchId: _l, ...record } = event;
          finish(num, record);
          return;
        }
        case 'job:output':
          if (current === undefined) states.set(num, { phase: 'queued' });
          return;
      }
    },
    expose(num, access) {
      accesses.set(num, access);
      const reason = wanted.get(num);
      if (reason !== undefined && states.get(num)?.phase !== 'finished') void sendCancel(access, reason);
    },
    keep: finish,
    close(error) {
      closed = { error };
      for (const [num, entry] of waiters) {
        if (states.get(num)?.phase !== 'finished') entry.reject(error ?? new Error(`job ${num} has no record: the launch ended without reaching it`));
      }
    },
  };
}

// A scheduler's word moves a job between the queue and running; our own notes keep the phase.
function nextState(current: JobState | undefined, state: InFlightState, native: string | null, attempt: number, detail: string | null): JobState {
  const pending: JobState = { phase: 'pending', state, native, attempt, detail };
  switch (state) {
    case 'submitted':
    case 'pending':
    case 'requeued':
    case 'skipped-by-budget':
      return pending;
    case 'running':
      return { phase: 'running', state, native, attempt, pid: current?.phase === 'running' ? current.pid : null };
    case 'cancelling':
    case 'attempt-ended':
    case 'stopped-by-guardrail':
    case 'unknown':
      if (current?.phase === 'running') return { ...current, state, native, attempt };
      return current?.phase === 'pending' || current === undefined || current.phase === 'queued' ? pending : current;
    case 'completed-earlier':
      return current ?? { phase: 'queued' };
  }
}
