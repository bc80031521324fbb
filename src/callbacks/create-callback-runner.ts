import type { Clock } from '../process/system-clock.js';
import { refOf } from '../run/job-ref.js';
import type { LaunchEvent } from '../run/launch-events.js';
import type { ConfigTree } from '../job/job-spec.js';
import type { LaunchPlan, LaunchPlanBase, PlannedJob } from '../run/launch-plan.js';
import type { CallbackHook, CallbackHooks, CallbackLaunch, ResolvedCallback } from './callback.js';
import { CallbackError } from './callback-error.js';

/** What a runner needs from its launch. */
export interface CallbackRunnerOptions {
  readonly callbacks: readonly ResolvedCallback[];
  readonly plan: LaunchPlanBase | LaunchPlan;
  /** Every job of an array source (`on_multirun_start` lists them); null for a lazy source, read as the launch goes. @default plan.jobs */
  readonly jobs?: readonly PlannedJob[] | null;
  /** The first job's config (`on_run_start`'s primary config). @default the first of `jobs` */
  readonly firstConfig?: ConfigTree;
  /** A running job's config, by number, for `on_job_start` and `on_job_end`. @default looked up in `jobs` */
  readonly configOf?: (num: number) => ConfigTree;
  /** Times the hooks' limits (injectable: tests need no sleeping). */
  readonly clock: Clock;
  /** Called once, with the first failure of a callback configured `_on_error_: fail`: the launch cancels. */
  readonly onFatal: (error: CallbackError) => void;
  /** Where failures are reported. @default a process warning (`SpectramindCallbackWarning`) */
  readonly report?: (error: CallbackError) => void;
}

/** Feeds a launch's events to its callbacks and lets the launch wait for them. */
export interface CallbackRunner {
  /** Queues the hooks an event calls; returns at once (jobs never wait for callbacks). */
  notify(event: LaunchEvent): void;
  /** Resolves when every queued hook has run (or timed out); later events are dropped. */
  drain(): Promise<void>;
  /** Every hook failure so far, in order. */
  readonly failures: readonly CallbackError[];
  /** The failure that cancelled the launch, if one did. */
  readonly fatal: CallbackError | null;
}

type Payload<Hook extends CallbackHook> = Omit<CallbackHooks[Hook], 'signal'>;

/**
 * Builds the runner of one launch's callbacks. Hooks run in the launching process one at a time:
 * every callback's hook for an event, in the callbacks' order, before the next event's. A hook
 * that throws or runs past its limit is reported (its `signal` aborts on timeout) and the launch
 * goes on, unless the callback says `_on_error_: fail`.
 */
export function createCallbackRunner(options: CallbackRunnerOptions): CallbackRunner {
  const report = options.report ?? ((error: CallbackError) => process.emitWarning(error.message, { type: 'SpectramindCallbackWarning', code: error.code }));
  const failures: CallbackError[] = [];
  let fatal: CallbackError | null = null;
  let chain: Promise<void> = Promise.resolve();
  let open = true;
  let launch: CallbackLaunch | null = null;
  const jobs = options.jobs !== undefined ? options.jobs : 'jobs' in options.plan ? options.plan.jobs : null;
  const firstConfig = options.firstConfig ?? jobs?.[0]?.config ?? {};
  const jobByNum = options.configOf === undefined ? new Map((jobs ?? []).map((job) => [job.num, job.config])) : null;
  const configOf = options.configOf ?? ((num: number) => jobByNum?.get(num) ?? {});

  const enqueue = <Hook extends CallbackHook>(hook: Hook, payload: Payload<Hook>): void => {
    chain = chain.then(async () => {
      for (const entry of options.callbacks) await invoke(entry, hook, payload);
    });
  };

  const invoke = async <Hook extends CallbackHook>(entry: ResolvedCallback, hook: Hook, payload: Payload<Hook>): Promise<void> => {
    const fn = entry.callback[hook] as ((p: CallbackHooks[Hook]) => unknown) | undefined;
    if (fn === undefined) return;
    const hookSignal = new AbortController();
    const timer = new AbortController();
    const outcome = await Promise.race([
      Promise.resolve()
        .then(() => fn.call(entry.callback, { ...payload, signal: hookSignal.signal } as CallbackHooks[Hook]))
        .then(
          () => ({ kind: 'ok' as const }),
          (error: unknown) => ({ kind: 'threw' as const, error }),
        ),
      options.clock.sleep(entry.timeoutMs, timer.signal).then(
        () => ({ kind: 'timeout' as const }),
        () => ({ kind: 'ok' as const }),
      ),
    ]);
    timer.abort();
    if (outcome.kind === 'ok') return;
    let error: CallbackError;
    if (outcome.kind === 'timeout') {
      hookSignal.abort(new Error(`${hook} ran past ${entry.timeoutMs} ms`));
      error = new CallbackError('ERR_CALLBACK_TIMEOUT', entry.name, hook, `Callback ${JSON.stringify(entry.name)} did not finish ${hook} within ${entry.timeoutMs / 1000} s; the launch went on without it. Raise _timeout_s_ or make the hook faster.`);
    } else {
      const cause = outcome.error;
      error = new CallbackError('ERR_CALLBACK', entry.name, hook, `Callback ${JSON.stringify(entry.name)} threw in ${hook}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    failures.push(error);
    report(error);
    if (entry.onError === 'fail' && fatal === null) {
      fatal = error;
      options.onFatal(error);
    }
  };

  return {
    notify(event) {
      if (!open || options.callbacks.length === 0) return;
      switch (event.type) {
        case 'launch:start': {
          launch = { launchId: event.launchId, launcher: event.launcher, mode: event.mode, dir: event.dir, jobCount: event.jobCount };
          enqueue(event.mode === 'run' ? 'on_run_start' : 'on_multirun_start', { launch, time: event.time, config: firstConfig, jobs: jobs?.map(refOf) ?? [] });
          return;
        }
        case 'job:start': {
          if (launch === null) return;
          enqueue('on_job_start', { launch, time: event.time, job: event.job, config: configOf(event.job.num), outputDir: event.job.outputDir, attempt: event.attempt, pid: event.pid, device: event.device });
          return;
        }
        case 'job:end': {
          if (launch === null) return;
          const { type: _t, time, launchId: _l, job, durationMs, attempts, ...outcome } = event;
          enqueue('on_job_end', { launch, time, job, config: configOf(job.num), outputDir: job.outputDir, outcome, durationMs, attempts });
          return;
        }
        case 'launch:end': {
          if (launch === null) return;
          enqueue(launch.mode === 'run' ? 'on_run_end' : 'on_multirun_end', { launch, time: event.time, counts: event.counts, cancelled: event.cancelled, durationMs: event.durationMs });
          return;
        }
        case 'job:queued':
        case 'job:state':
        case 'job:output':
          return;
      }
    },
    async drain() {
      await chain;
      open = false;
    },
    get failures() {
      return failures;
    },
    get fatal() {
      return fatal;
    },
  };
}
