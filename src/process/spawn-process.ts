import type { ChildProcess, SpawnOptions } from 'node:child_process';
import spawn from 'cross-spawn';

/** A started child, or why it could not start. */
export type SpawnResult = { readonly ok: true; readonly child: ChildProcess } | { readonly ok: false; readonly error: Error };

/**
 * The one place that starts a program: argv through cross-spawn, never a shell. Node throws
 * synchronously for some bad input (a NUL byte in argv or env, E2BIG on some systems): that
 * becomes a result, so a job that cannot start is that job's failure, never the caller's exception.
 */
export function spawnProcess(argv: readonly string[], options: SpawnOptions): SpawnResult {
  const [program, ...args] = argv;
  if (program === undefined || program === '') return { ok: false, error: Object.assign(new Error('empty command: a job needs at least a program name'), { code: 'ERR_EMPTY_COMMAND' }) };
  try {
    return { ok: true, child: spawn(program, args, options) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
