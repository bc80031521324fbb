/** How the batch shell runs the job; see {@link renderJobRunLines}. */
export interface JobRunOptions {
  /**
   * `background`: run it with `&` and `wait`, so a signal trap runs while the job still runs (a
   * pre-timeout requeue). `foreground`: run it in the shell's own turn, for a script whose trap has
   * nothing to do before the job ends: a shell builtin (`true`, `echo`) then costs no fork, and a
   * program the same fork and exec either way.
   * @default 'background'
   */
  readonly mode?: 'background' | 'foreground';
}

/**
 * The part of every batch script that runs the job, shared by all scheduler backends: source the
 * job's `job.sh` (cd, environment, `_sm_argv`), report a missing program as ENOENT, run `run`
 * (in the background, so the script's signal trap can act, waiting again when the trap
 * interrupted `wait`; or in the foreground, see {@link JobRunOptions}), and write its exit status
 * where the core reads it (`exit-status`: a number, 128+N for signal N, or `enoent`). Leaves
 * `$_sm_rc` set; the caller ends the script with it. Expects `$_sm_dir` (the job's folder in the
 * batch folder) and `_sm_child=` set before. Pure.
 */
export function renderJobRunLines(run: string, options: JobRunOptions = {}): string[] {
  const start =
    options.mode === 'foreground'
      ? ['# no trap needs the shell while the job runs: no background child (a fork per task)', '_sm_rc=0', `${run} || _sm_rc=$?`]
      : [
          `${run} &`,
          '_sm_child=$!',
          '_sm_rc=0',
          'wait "$_sm_child" || _sm_rc=$?',
          '# wait returns early when the signal trap ran; wait again while the job still runs',
          'while kill -0 "$_sm_child" 2>/dev/null; do _sm_rc=0; wait "$_sm_child" || _sm_rc=$?; done',
        ];
  return [
    '# the job: cd, its environment, and its argv (_sm_argv)',
    '. "$_sm_dir/job.sh" || exit 1',
    '# a status left by an earlier attempt (requeue) must not be read as this one\'s (rm only then: an exec per task costs)',
    '[ ! -e "$_sm_dir/exit-status" ] || rm -f -- "$_sm_dir/exit-status"',
    '# a missing program is reported as ENOENT (as the local launcher does), not as a wrapper\'s exit code',
    'if ! command -v -- "${_sm_argv[0]}" >/dev/null 2>&1; then',
    '  echo "spectramind: command not found: ${_sm_argv[0]}" >&2',
    '  echo enoent > "$_sm_dir/exit-status"',
    '  exit 127',
    'fi',
    ...start,
    '# 128+N: killed by signal N (bash says so, and srun passes it on); the launcher reads it back',
    'echo "$_sm_rc" > "$_sm_dir/exit-status"',
  ];
}
