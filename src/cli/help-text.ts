/** `spectramind --help`: the usage, every flag, the subcommands and the exit codes. */
export function helpText(version: string): string {
  return `spectramind ${version}: run a project's tasks with Hydra command lines, on any launcher.

Usage:
  spectramind <task> [overrides...] [flags]
  spectramind reproduce <job-dir>     run one job again from its folder's snapshots
  spectramind resume <sweep-dir>      finish a cancelled or failed launch: only what did not complete
  spectramind report <dir>            write the HTML report of a launch folder

Tasks are the project's own, from the primary config's \`tasks:\` map (e.g. train, ablate,
submit, diagnose dashboard). Overrides use Hydra's grammar: model.lr=1e-4 seed=7,11
hydra/launcher=slurm hydra.launcher.gres=gpu:1 +new.key=1 ~old.key.

Flags:
  -m, --multirun            sweep: one job per combination of the comma lists / sweep functions
      --config-dir DIR      the config folder (default: configs)
      --config-name NAME    the primary config in it (default: config)
  -c, --cfg job|hydra|all   print the composed config as YAML and exit
      --resolve             with --cfg: resolve interpolations
  -i, --info [defaults|config|searchpath]
                            print the search path, the defaults list and the launcher, and exit
      --dry-run             print each job's folder, overrides and command (and the sbatch
                            scripts for slurm) without running or writing anything
  -q, --quiet               no progress; only failures and the folder of a failed launch
  -v, --verbose             stream every job's output; stack traces on errors
  -h, --help                this text
  -V, --version             the version

Output: one live progress line on a terminal, one plain line per event otherwise.
NO_COLOR turns colour off, FORCE_COLOR on. Ctrl-C cancels (and prints the resume line);
a second Ctrl-C kills the running jobs at once.

Exit codes: 0 every job completed · 1 a job did not complete · 2 usage error (flag, task,
override) · 3 config error · 4 the launch could not run · 130 cancelled.
`;
}
