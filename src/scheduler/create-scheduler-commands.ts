import type { Clock } from '../process/system-clock.js';
import { systemClock } from '../process/system-clock.js';
import { DEFAULT_RETRY, retryTransient, type RetryPolicy } from './retry-transient.js';
import { runCommand, type CommandRunner } from '../process/run-command.js';
import type { CallScheduler, SchedulerBackend, StateSource } from './scheduler-backend.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { SchedulerCommandError, SchedulerNotFoundError } from './scheduler-errors.js';
import type { SchedulerRecord } from './scheduler-record.js';
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
  /** Names of the backend's state sources to use, in order. @default every source */
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
  let sources: readonly StateSource[] = wanted === undefined ? backend.stateSources : backend.stateSources.filter((s) => wanted.includes(s.name));
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

  async function query(tasks: Parameters<SchedulerCommands['query']>[0]): Promise<SchedulerRecord[]> {
    const order = sources;
    for (const [i, source] of order.entries()) {
      try {
        const records = await source.query(tasks, call);
        return records.map((r) => ({ ...r, kind: backend.mapState(r.state) }));
      } catch (error) {
        // Off for good: skip it from now on. Otherwise this poll only: fall through to the next source.
        const text = errorText(error);
        if (source.isDisabled?.(text) === true) sources = sources.filter((s) => s !== source);
        if (i === order.length - 1) throw error;
        if (!warned.has(source.name) && source.isDisabled?.(text) !== true) {
          warned.add(source.name);
          warn(`${source.name} failed (${text.trim().replace(/\s*\n\s*/g, ' / ')}); asking ${order[i + 1]?.name ?? 'the next source'} instead while it fails`);
        }
      }
    }
    throw new RangeError(`no state source left to ask ${backend.label}`);
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
