import { parseArgs } from 'node:util';
import { CliUsageError } from './cli-errors.js';

export type CfgPart = 'job' | 'hydra' | 'all';
export type InfoPart = 'all' | 'defaults' | 'config' | 'searchpath';

/** The flags every task command line may carry, resolved once (no undefined left). */
export interface CliFlags {
  readonly multirun: boolean;
  /** @default 'configs' (relative to the working directory) */
  readonly configDir: string;
  /** @default 'config' */
  readonly configName: string;
  readonly cfg: CfgPart | null;
  readonly resolve: boolean;
  readonly info: InfoPart | null;
  readonly dryRun: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

/** What a command line asks for: a discriminated union, one case per thing the CLI does. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'task'; readonly task: readonly string[]; readonly overrides: readonly string[]; readonly flags: CliFlags }
  | { readonly kind: 'reproduce' | 'resume' | 'report'; readonly dir: string; readonly flags: CliFlags };

/** Words that are the CLI's own subcommands; a project task cannot take these names. */
export const SUBCOMMANDS = ['reproduce', 'resume', 'report'] as const;

const CFG_PARTS: readonly CfgPart[] = ['job', 'hydra', 'all'];
const INFO_PARTS: readonly InfoPart[] = ['all', 'defaults', 'config', 'searchpath'];
// Hydra's two-letter short forms; parseArgs only knows one-letter ones.
const HYDRA_SHORT: Readonly<Record<string, string>> = { '-cd': '--config-dir', '-cn': '--config-name', '-cp': '--config-dir' };

/**
 * Parses `spectramind <task> [overrides...] [flags]` with node:util parseArgs. Task words are
 * the leading positionals that are not overrides (no `=`, no `~`/`+` prefix), so
 * `diagnose dashboard` is one task and `hydra/launcher=slurm` is an override.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const args = normaliseArgs(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        multirun: { type: 'boolean', short: 'm' },
        'config-dir': { type: 'string' },
        'config-name': { type: 'string' },
        cfg: { type: 'string', short: 'c' },
        resolve: { type: 'boolean' },
        info: { type: 'string', short: 'i' },
        'dry-run': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '.')} Run 'spectramind --help' for the flags.`, { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const cfg = values.cfg ?? null;
  if (cfg !== null && !CFG_PARTS.includes(cfg as CfgPart)) throw new CliUsageError(`--cfg takes one of ${CFG_PARTS.join(', ')}, got '${cfg}'.`);
  const info = values.info ?? null;
  if (info !== null && !INFO_PARTS.includes(info as InfoPart)) throw new CliUsageError(`--info takes one of ${INFO_PARTS.join(', ')} (or nothing), got '${info}'.`);
  if (values.quiet && values.verbose) throw new CliUsageError('--quiet and --verbose contradict each other: pick one.');
  const flags: CliFlags = {
    multirun: values.multirun ?? false,
    configDir: values['config-dir'] ?? 'configs',
    configName: (values['config-name'] ?? 'config').replace(/\.ya?ml$/, ''),
    cfg: cfg as CfgPart | null,
    resolve: values.resolve ?? false,
    info: info as InfoPart | null,
    dryRun: values['dry-run'] ?? false,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
  };
  const [first, ...rest] = positionals;
  if (first === undefined) throw new CliUsageError("Name a task, e.g. 'spectramind train', or run 'spectramind --help'.");
  if ((SUBCOMMANDS as readonly string[]).includes(first)) {
    const [dir, ...extra] = rest;
    if (dir === undefined) throw new CliUsageError(`'spectramind ${first}' needs a folder: spectramind ${first} <${first === 'reproduce' ? 'job-dir' : 'sweep-dir'}>.`);
    if (extra.length > 0) throw new CliUsageError(`'spectramind ${first}' takes one folder, got extra arguments: ${extra.join(' ')}.`);
    return { kind: first as 'reproduce' | 'resume' | 'report', dir, flags };
  }
  const taskLength = positionals.findIndex(isOverride);
  const split = taskLength === -1 ? positionals.length : taskLength;
  if (split === 0) throw new CliUsageError(`Name a task before the overrides, e.g. 'spectramind train ${positionals.join(' ')}'.`);
  return { kind: 'task', task: positionals.slice(0, split), overrides: positionals.slice(split), flags };
}

/** An override has `=` or starts with `~` / `+` (Hydra's delete and append forms). */
export function isOverride(word: string): boolean {
  return word.includes('=') || word.startsWith('~') || word.startsWith('+');
}

/** `--info` may stand alone (parseArgs has no optional values) and Hydra spells -cd / -cn with two letters. */
function normaliseArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--info' || arg === '-i') {
      const next = argv[i + 1];
      if (next !== undefined && (INFO_PARTS as readonly string[]).includes(next)) {
        out.push(`--info=${next}`);
        i++;
      } else out.push('--info=all');
      continue;
    }
    const long = HYDRA_SHORT[arg];
    out.push(long ?? arg);
  }
  return out;
}
