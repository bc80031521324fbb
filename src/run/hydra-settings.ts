/**
 * The `hydra` output settings every launcher honours, resolved (schema defaults applied).
 * Path templates may use `${now:<python strftime>}` and `${hydra.<key>}` (e.g. `${hydra.job.num}`).
 */
export interface HydraSettings {
  readonly run: { readonly dir: string };
  readonly sweep: { readonly dir: string; readonly subdir: string };
  /** Folder (inside each job's output folder) for the snapshots; null turns snapshots off. */
  readonly output_subdir: string | null;
  readonly job: {
    readonly name: string;
    /** Hydra 1.3 default: the job runs in the launch cwd, not its output folder. */
    readonly chdir: boolean;
    readonly env_set: Readonly<Record<string, string>>;
    readonly env_copy: readonly string[];
    readonly override_dirname: {
      readonly kv_sep: string;
      readonly item_sep: string;
      readonly exclude_keys: readonly string[];
    };
  };
}

/** Input form: every field optional; `createLauncher` fills the schema defaults. */
export type HydraSettingsInput = {
  readonly run?: { readonly dir?: string };
  readonly sweep?: { readonly dir?: string; readonly subdir?: string };
  readonly output_subdir?: string | null;
  readonly job?: {
    readonly name?: string;
    readonly chdir?: boolean;
    readonly env_set?: Readonly<Record<string, string>>;
    readonly env_copy?: readonly string[];
    readonly override_dirname?: {
      readonly kv_sep?: string;
      readonly item_sep?: string;
      readonly exclude_keys?: readonly string[];
    };
  };
};

/** Hydra's two modes: one job in a run folder, or a sweep folder with a subfolder per job. */
export type RunMode = 'run' | 'multirun';
