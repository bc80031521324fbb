/** Exit code of a job that stopped after its checkpoint hook because it is about to be requeued (EX_TEMPFAIL). */
export const CHECKPOINT_EXIT_CODE = 75;

/** The job's environment (process.env's shape, without the `NodeJS` namespace in public types). */
type JobEnv = Readonly<Record<string, string | undefined>>;

/** Options of {@link onCheckpoint}; the defaults are the real process's. */
export interface CheckpointOptions {
  /** @default process.env */
  readonly env?: JobEnv | undefined;
  /** @default process.exit */
  readonly exit?: ((code: number) => void) | undefined;
  /** Told when the hook throws, before the exit. @default a line on stderr */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** The signal the slurm launcher sends before the time limit (its `signal` field). */
function checkpointSignal(env: JobEnv): NodeJS.Signals {
  const name = env.SPECTRAMIND_SLURM_SIGNAL ?? 'USR2';
  return `SIG${name.replace(/^SIG/, '')}` as NodeJS.Signals;
}

/**
 * Job-side: runs `hook` when SLURM announces the time limit (or a requeue), then exits so the
 * launcher's batch script can requeue the job. Save state in the hook and read it back when
 * `slurmAttempt() > 1`. Returns a function that removes the hook. Register one hook per job
 * (signals are process-wide): the process exits when it has finished.
 */
export function onCheckpoint(hook: () => unknown, options: CheckpointOptions = {}): () => void {
  const signal = checkpointSignal(options.env ?? process.env);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onError = options.onError ?? reportHookError;
  const listener = () => {
    Promise.resolve()
      .then(hook)
      .then(
        () => exit(CHECKPOINT_EXIT_CODE),
        (error: unknown) => {
          onError(error);
          exit(CHECKPOINT_EXIT_CODE);
        },
      );
  };
  process.once(signal, listener);
  return () => {
    process.removeListener(signal, listener);
  };
}

function reportHookError(error: unknown): void {
  process.stderr.write(`spectramind: checkpoint hook failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

/** Which run of this job this is under SLURM: 1 first, 2 after the first requeue (`SLURM_RESTART_COUNT` + 1). */
export function slurmAttempt(env: JobEnv = process.env): number {
  const restarts = Number(env.SLURM_RESTART_COUNT ?? '0');
  return Number.isInteger(restarts) && restarts >= 0 ? restarts + 1 : 1;
}
