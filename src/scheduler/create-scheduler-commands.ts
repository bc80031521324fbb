import type { Clock } from '../process/system-clock.js';
import { systemClock } from '../process/system-clock.js';
import { DEFAULT_RETRY, retryTransient, type RetryPolicy } from './retry-transient.js';
import { runCommand, type CommandRunner } from '../process/run-command.js';
import type { CallScheduler, SchedulerBackend, StateSource } from './scheduler-backend.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { SchedulerCommandError, SchedulerNotFoundError } from './scheduler-errors.js';
import { taskKey, type SchedulerRecord } from './scheduler-record.js';
import type { ProcessEnvLike } from '../platform-types.js';

/** How the real scheduler commands run. Every field is optional. */
export interface SchedulerCommandsOptions {
  /** Environment of the scheduler programs (the backend drops what an outer job left). @default process.env */
  readonly env?: ProcessEnvLike;
  /** @default runCommand (cross-spawn) */
  readonly runner?: CommandRunner;
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default Math.random */
  readonly random?: () => number;
  /** @default DEFAULT_RETRY */
  readonly retry?: RetryPolicy;
  /** Names of the backend's state sources to ask, in this order. @default every source, in the backend's order */
  readonly sources?: readonly string[];
  /** Where a fallback from one state source to the next is reported (once per source). @default process.emitWarning */
  readonly warn?: (message: string) => void;
}

/** Builds the real scheduler commands from a backend's hooks: programs spawned with argv, retried when busy. */
export function createSchedulerCommands<Config>(backend: SchedulerBackend<Config>, options: SchedulerCommandsOptions = {}): SchedulerCommands {
  const env = backend.commandEnv(options.env ?? process.env);
  const runner = options.runner ?? runCommand;
  const retry = { policy: options.retry ?? DEFAULT_RETRY, clock: options.clock ?? systemClock, random: options.random ?? Math.random };
  const wanted = options.sources;
  // per-instance, not module state: one launch learns once that a source is off
  let sources: readonly StateSource[] = wanted === undefined ? backend.stateSources : wanted.flatMap((name) => backend.stateSources.filter((s) => s.name === name));
  const warned = new Set<string>();
  const warn = options.warn ?? ((message: string) => process.emitWarning(message, 'SchedulerWarning'));

  const call: CallScheduler = (argv, callOptions = {}) =>
    retryTransient(async (n) => {
      const result = await runner(argv, env);
      if (result.spawnError !== null) {
        const error =
          result.spawnError.code === 'ENOENT'
            ? new SchedulerNotFoundError(backend, argv[0] ?? '', { cause: result.spawnError })
            : new SchedulerCommandError(backend, argv, null, result.spawnError.message, n, { cause: result.spawnError });
        return { ok: false, transient: false, error };
      }
      if (result.exitCode === 0) return { ok: true, value: result.stdout };
      const text = `${result.stderr}\n${result.stdout}`;
      if (callOptions.tolerate?.(text) === true) return { ok: true, value: '' };
      const transient = callOptions.retry !== false && backend.isTransient(text);
      return { ok: false, transient, error: new SchedulerCommandError(backend, argv, result.exitCode, result.stderr || result.stdout, n) };
    }, retry);

  /**
   * Asks the sources in order, each only for the tasks the ones before it did not answer (the
   * controller forgets finished tasks; accounting remembers them). A source that fails hands
   * its tasks to the next one at once: the next answers now instead of after the retries.
   */
  async function query(tasks: Parameters<SchedulerCommands['query']>[0]): Promise<SchedulerRecord[]> {
    const order = sources;
    const answered: SchedulerRecord[] = [];
    let open = tasks;
    let firstError: unknown = null;
    for (const [i, source] of order.entries()) {
      const last = i === order.length - 1;
      try {
        const records = await source.query(open, last ? call : (argv, callOptions) => call(argv, { ...callOptions, retry: false }));
        answered.push(...records);
        const known = new Set(records.map((r) => taskKey(r.arrayJobId, r.task)));
        open = open.filter((t) => !known.has(taskKey(t.arrayJobId, t.task)));
        if (open.length === 0) break;
      } catch (error) {
        // Off for good: skip it from now on. Otherwise this poll only: fall through to the next source.
        const text = errorText(error);
        firstError ??= error;
        if (source.isDisabled?.(text) === true) sources = sources.filter((s) => s !== source);
        if (last) {
          // what the sources before it answered still counts; the rest stays unknown until a later poll
          if (answered.length > 0) break;
          // in the preferred source's words: a fallback that is off says less
          throw firstError;
        }
        if (!warned.has(source.name) && source.isDisabled?.(text) !== true) {
          warned.add(source.name);
          warn(`${source.name} failed (${text.trim().replace(/\s*\n\s*/g, ' / ')}); asking ${order[i + 1]?.name ?? 'the next source'} instead while it fails`);
        }
      }
    }
    if (order.length === 0) throw new RangeError(`no state source left to ask ${backend.label}`);
    return answered.map((r) => ({ ...r, kind: backend.mapState(r.state) }));
  }

  return {
    async submit(scriptPath, submit) {
      const argv = backend.submitArgv(scriptPath, submit);
      const out = await call(argv);
      const id = backend.parseJobId(out);
      if (id === null) throw new SchedulerCommandError(backend, argv, 0, `unexpected output ${JSON.stringify(out)} (expected a job id)`, 1);
      return id;
    },
    query: (tasks) => (tasks.length === 0 ? Promise.resolve([]) : query(tasks)),
    async cancel(jobIds) {
      if (jobIds.length > 0) await call(backend.cancelArgv(jobIds), { tolerate: (text) => backend.isNoSuchJob(text) });
    },
    async release(jobIds) {
      if (jobIds.length > 0) await call(backend.releaseArgv(jobIds));
    },
    async requeue(jobIds) {
      if (jobIds.length > 0) await call(backend.requeueArgv(jobIds));
    },
    maxArraySize: () => backend.maxArraySize(call),
    // tasks of the array that already ended need no cap (the ones still queued got it)
    ...(backend.throttleArgv === undefined
      ? {}
      : { throttle: async (id: string, cap: number) => void (await call((backend.throttleArgv as (i: string, c: number) => readonly string[])(id, cap), { tolerate: (text) => backend.isNoSuchJob(text) })) }),
    ...(backend.taskTimeLimitArgv === undefined
      ? {}
      : {
          setTaskTimeLimit: async (id: string, tasks: readonly number[], timeMin: number) =>
            void (await call((backend.taskTimeLimitArgv as NonNullable<typeof backend.taskTimeLimitArgv>)(id, tasks, timeMin))),
        }),
    ...(backend.probeArgv === undefined
      ? {}
      : {
          probe: async (scriptPath: string) => {
            const argv = (backend.probeArgv as (script: string) => readonly string[])(scriptPath);
            try {
              await call(argv);
              return null;
            } catch (error) {
              // a scheduler that stayed unreachable is no verdict on the request
              if (!(error instanceof SchedulerCommandError) || backend.isTransient(error.stderr)) throw error;
              if (backend.probeVerdict !== undefined) return backend.probeVerdict(error.stderr);
              return error.stderr.trim().split('\n').filter((l) => l.trim() !== '').pop() ?? error.message;
            }
          },
        }),
  };
}

function errorText(error: unknown): string {
  if (error instanceof SchedulerCommandError) return error.stderr;
  return error instanceof Error ? error.message : String(error);
}
