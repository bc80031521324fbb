import type { BatchLauncherConfig } from '../../scheduler/batch-launcher-config.js';

/** The signals SLURM can send before the time limit (`--signal=B:<sig>@<s>`). */
export type SlurmSignal = 'USR1' | 'USR2' | 'TERM' | 'INT' | 'HUP' | 'ALRM';

/**
 * The slurm launcher's fields, resolved: schemas/slurm.json filled every default, so no
 * field is `undefined`. Names and defaults follow Hydra's submitit_slurm launcher.
 */
export interface SlurmLauncherConfig extends BatchLauncherConfig {
  readonly launcher: 'slurm';
  readonly _target_?: string;
  /** @default '${hydra.sweep.dir}/.submitit' */
  readonly submitit_folder: string;
  /** @default 60 */
  readonly timeout_min: number;
  /** @default null */
  readonly cpus_per_task: number | null;
  /** @default null */
  readonly gpus_per_node: number | string | null;
  /** @default 1 */
  readonly tasks_per_node: number;
  /** @default null */
  readonly mem_gb: number | null;
  /** @default 1 */
  readonly nodes: number;
  /** @default '${hydra.job.name}' */
  readonly name: string;
  /** @default false */
  readonly stderr_to_stdout: boolean;
  /** @default null */
  readonly partition: string | null;
  /** @default null */
  readonly qos: string | null;
  /** @default null */
  readonly comment: string | null;
  /** @default null */
  readonly constraint: string | null;
  /** @default null */
  readonly exclude: string | null;
  /** @default null */
  readonly gres: string | null;
  /** @default null */
  readonly cpus_per_gpu: number | null;
  /** @default null */
  readonly gpus_per_task: number | string | null;
  /** @default null */
  readonly mem_per_gpu: string | null;
  /** @default null */
  readonly mem_per_cpu: string | null;
  /** @default null */
  readonly account: string | null;
  /** @default null */
  readonly nodelist: string | null;
  /** @default 120 */
  readonly signal_delay_s: number;
  /** @default 'USR2' */
  readonly signal: SlurmSignal;
  /** @default 0 */
  readonly max_num_timeout: number;
  /** @default 3 */
  readonly max_num_preemption: number;
  /** @default {} */
  readonly additional_parameters: Readonly<Record<string, string | number | boolean>>;
  /** @default 256 */
  readonly array_parallelism: number;
  /** @default null */
  readonly setup: readonly string[] | null;
  /** @default null */
  readonly srun_args: readonly string[] | null;
  /** @default true */
  readonly use_srun: boolean;
  /** @default 5 */
  readonly max_submit_per_s: number;
  /** @default null (ask the cluster) */
  readonly max_array_size: number | null;
  /** @default 1 */
  readonly poll_interval_s: number;
  /** @default 15 */
  readonly poll_max_interval_s: number;
  /** @default false */
  readonly dry_run: boolean;
  /** @default {} */
  readonly env: Readonly<Record<string, string | number | boolean>>;
}

/** The input form: every field optional, defaults come from the schema. */
export type SlurmLauncherInput = Partial<SlurmLauncherConfig>;

