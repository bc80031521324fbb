import type { SlurmLauncherConfig } from './slurm-config.js';

/** One `#SBATCH` line: `--name=value`, or a bare `--name` when value is true. */
export interface SbatchFlag {
  readonly name: string;
  readonly value: string | true;
  /** Where the value came from, for error messages (e.g. `hydra.launcher.partition`). */
  readonly field: string;
}

/** What differs between the arrays of one launch. */
export interface ArrayFlagInput {
  readonly jobName: string;
  readonly timeMin: number;
}

type FieldName = keyof SlurmLauncherConfig;

// Config field -> sbatch option, in the order they appear in the script.
const SIMPLE_FLAGS: readonly (readonly [FieldName, string])[] = [
  ['partition', 'partition'],
  ['qos', 'qos'],
  ['account', 'account'],
  ['comment', 'comment'],
  ['constraint', 'constraint'],
  ['exclude', 'exclude'],
  ['nodelist', 'nodelist'],
  ['nodes', 'nodes'],
  ['tasks_per_node', 'ntasks-per-node'],
  ['cpus_per_task', 'cpus-per-task'],
  ['gpus_per_node', 'gpus-per-node'],
  ['gpus_per_task', 'gpus-per-task'],
  ['cpus_per_gpu', 'cpus-per-gpu'],
  ['mem_per_gpu', 'mem-per-gpu'],
  ['mem_per_cpu', 'mem-per-cpu'],
  ['gres', 'gres'],
];

/**
 * Maps the launcher config onto sbatch options (without `--array`, `--output` and `--error`,
 * which the script renderer owns). Pure; the order is stable so scripts diff cleanly.
 */
export function sbatchFlags(config: SlurmLauncherConfig, input: ArrayFlagInput): SbatchFlag[] {
  const flags: SbatchFlag[] = [{ name: 'job-name', value: input.jobName, field: 'hydra.launcher.name' }];
  for (const [field, name] of SIMPLE_FLAGS) {
    const value = config[field];
    if (value === null || value === undefined) continue;
    flags.push({ name, value: String(value), field: `hydra.launcher.${field}` });
  }
  if (config.mem_gb !== null) flags.push({ name: 'mem', value: memory(config.mem_gb), field: 'hydra.launcher.mem_gb' });
  flags.push({ name: 'time', value: String(Math.max(1, Math.ceil(input.timeMin))), field: 'hydra.launcher.timeout_min' });
  flags.push({ name: 'signal', value: `B:${config.signal}@${config.signal_delay_s}`, field: 'hydra.launcher.signal_delay_s' });
  // Requeued attempts append to the same log files instead of truncating them.
  flags.push({ name: 'open-mode', value: 'append', field: 'open-mode' });
  flags.push({ name: 'requeue', value: true, field: 'requeue' });
  for (const [key, value] of Object.entries(config.additional_parameters)) {
    if (value === false) continue;
    const name = key.replace(/_/g, '-');
    flags.push({ name, value: value === true ? true : String(value), field: `hydra.launcher.additional_parameters.${key}` });
  }
  return flags;
}

// Whole gigabytes stay readable (32G); fractions go to megabytes, which sbatch takes as integers.
function memory(gb: number): string {
  return Number.isInteger(gb) ? `${gb}G` : `${Math.ceil(gb * 1024)}M`;
}

// Flags that are not a resource request: changing them never makes a job runnable.
const NOT_A_REQUEST = new Set(['job-name', 'time', 'signal', 'open-mode', 'requeue', 'comment']);

/** The request fields a user set, as `hydra.launcher.<field>=<value>`: what to change when SLURM refuses the request. Pure. */
export function slurmRequestFields(config: SlurmLauncherConfig): string[] {
  const fields = sbatchFlags(config, { jobName: '', timeMin: config.timeout_min })
    .filter((f) => !NOT_A_REQUEST.has(f.name))
    .map((f) => (f.field === 'hydra.launcher.mem_gb' ? `${f.field}=${String(config.mem_gb)}` : `${f.field}=${f.value === true ? 'true' : f.value}`));
  return [...fields, `hydra.launcher.timeout_min=${config.timeout_min}`];
}
