import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseConfigYaml } from '../config/parse-config-yaml.js';
import { createLauncher } from '../launchers/create-launcher.js';
import { REDACTED } from '../run/redact/secret-patterns.js';
import { CliUsageError } from './cli-errors.js';
import type { CliIo } from './cli-io.js';
import type { ExitCode } from './exit-codes.js';
import { findTask } from './find-task.js';
import { followLaunch } from './follow-launch.js';
import type { CliFlags } from './parse-cli-args.js';
import { readCliInvocation } from './read-cli-invocation.js';

/**
 * `spectramind reproduce <job-dir>`: runs one job again from its folder alone: the task its
 * metadata records, the config snapshot (`.hydra/config.yaml`, not today's config files), its
 * overrides and its `hydra.job` settings, on this machine (basic launcher), into a new run folder.
 */
export async function reproduceCommand(dir: string, flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const jobDir = resolve(io.cwd, dir);
  const snapshots = join(jobDir, '.hydra');
  for (const file of ['config.yaml', 'overrides.yaml', 'hydra.yaml']) {
    if (!existsSync(join(snapshots, file))) throw new CliUsageError(`${dir} is not a job folder: it has no .hydra/${file}. Pass one job's folder, e.g. logs/multiruns/<date>/<time>/0.`);
  }
  const { command, cwd } = readCliInvocation(jobDir);
  const configFile = join(snapshots, 'config.yaml');
  const config = parseConfigYaml(readFileSync(configFile, 'utf8'), configFile).content;
  const overrides = (parse(readFileSync(join(snapshots, 'overrides.yaml'), 'utf8')) as string[] | null) ?? [];
  const hydra = ((parse(readFileSync(join(snapshots, 'hydra.yaml'), 'utf8')) as { hydra?: HydraSnapshot } | null)?.hydra ?? {}) as HydraSnapshot;
  const task = findTask(config['tasks'], command.task, dirname(resolve(cwd, command.flags.configDir)));
  // Secrets were redacted from hydra.yaml; the job gets them from the environment instead.
  const envSet = Object.fromEntries(Object.entries(hydra.job?.env_set ?? {}).filter(([, value]) => value !== REDACTED).map(([k, v]) => [k, String(v)]));
  const launcher = createLauncher({
    launcher: 'basic',
    hydra: { ...(hydra.run?.dir === undefined ? {} : { run: { dir: hydra.run.dir } }), job: { ...(hydra.job?.name === undefined ? {} : { name: hydra.job.name }), chdir: hydra.job?.chdir ?? false, env_set: envSet } },
  });
  const job = task.job.kind === 'module' ? { module: task.job.module, export: task.job.export } : { command: task.job.command };
  if (!flags.quiet) io.stderr.write(`Reproducing ${dir}: spectramind ${[...command.task, ...overrides].join(' ')} from its snapshot (in ${cwd})\n`);
  const streamOutput = !flags.quiet;
  const handle = launcher.launch([{ ...job, overrides, config }], { mode: 'run', cwd, streamOutput });
  return followLaunch(handle, { ...io, cwd }, { label: task.name, quiet: flags.quiet, showJobOutput: streamOutput });
}

interface HydraSnapshot {
  readonly run?: { readonly dir?: string };
  readonly job?: { readonly name?: string; readonly chdir?: boolean; readonly env_set?: Readonly<Record<string, unknown>> };
}
