const INHERITED = /^(SLURM|SLURMD|SRUN|SBATCH|SALLOC|SPECTRAMIND_SLURM)_/;

/**
 * Drops the SLURM variables a launching process inherited from its own job (it may itself
 * run under SLURM), so they do not leak into the jobs it submits; keeps `SLURM_CONF`, which
 * says which cluster to talk to. Pure.
 */
export function cleanSlurmEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (INHERITED.test(key) && key !== 'SLURM_CONF') continue;
    clean[key] = value;
  }
  return clean;
}
