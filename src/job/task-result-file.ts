import type { ProcessEnvLike } from '../platform-types.js';

// The rank a task launcher gives each task of a multi-task job (srun, Open MPI, MPICH/PMI).
const RANK_VARIABLES = ['SLURM_PROCID', 'OMPI_COMM_WORLD_RANK', 'PMI_RANK'] as const;

/** The task's rank within a multi-task job; 0 when nothing says otherwise. */
export function taskRankOf(env: ProcessEnvLike): number {
  for (const name of RANK_VARIABLES) {
    const value = env[name];
    if (value !== undefined && /^\d+$/.test(value)) return Number(value);
  }
  return 0;
}

/**
 * Where a module job's worker writes its report. Task 0 (and every single-task job) writes
 * `$SPECTRAMIND_RESULT`; with `SPECTRAMIND_RESULT_PER_TASK=1` (batch launchers set it) task N > 0
 * writes `result.N.json` beside it, so a `tasks_per_node > 1` job keeps every task's result.
 * Pure: string work only.
 */
export function taskResultFile(env: ProcessEnvLike): string | undefined {
  const file = env.SPECTRAMIND_RESULT;
  if (file === undefined || file === '' || env.SPECTRAMIND_RESULT_PER_TASK !== '1') return file === '' ? undefined : file;
  const rank = taskRankOf(env);
  return rank === 0 ? file : file.replace(/(\.json)?$/, `.${rank}.json`);
}
