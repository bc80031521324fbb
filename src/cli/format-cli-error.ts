import { ConfigError, LaunchError, UnknownLauncherError } from '../errors.js';
import type { ConfigViolation } from '../errors.js';
import { ConfigCompositionError, ConfigYamlError, InterpolationError, MissingConfigError, MissingMandatoryValueError } from '../config/config-errors.js';
import { OverrideParseError } from '../overrides/override-parse-error.js';
import { OverrideValueError } from '../overrides/override-value-error.js';
import { SweepError } from '../sweep/index.js';
import { ReportError } from '../report/report-error.js';
import { closestNames } from './closest-names.js';
import { CliUsageError, TaskDefinitionError, UnknownTaskError } from './cli-errors.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';

/** An error as the CLI shows it: text a person can act on, and the exit code it maps to. */
export interface ShownError {
  readonly text: string;
  readonly exitCode: ExitCode;
}

/** Turns anything thrown into a message (no stack unless verbose) and its documented exit code. */
export function formatCliError(error: unknown, verbose: boolean): ShownError {
  const exitCode = exitCodeFor(error);
  const message = error instanceof ConfigError ? configErrorText(error) : error instanceof Error ? error.message : String(error);
  const hint = multirunHint(error);
  const lines = [`spectramind: ${message}${hint}`];
  if (verbose && error instanceof Error) lines.push('', ...stackLines(error));
  else if (exitCode === EXIT.launchError) lines.push('(run again with --verbose for the stack trace)');
  return { text: `${lines.join('\n')}\n`, exitCode };
}

function exitCodeFor(error: unknown): ExitCode {
  if (multirunHint(error) !== '') return EXIT.usage; // a sweep typed without -m is a command-line mistake
  if (error instanceof CliUsageError || error instanceof UnknownTaskError || error instanceof OverrideParseError || error instanceof OverrideValueError || error instanceof SweepError) return EXIT.usage;
  if (
    error instanceof ConfigError ||
    error instanceof UnknownLauncherError ||
    error instanceof ConfigYamlError ||
    error instanceof MissingConfigError ||
    error instanceof ConfigCompositionError ||
    error instanceof InterpolationError ||
    error instanceof MissingMandatoryValueError ||
    error instanceof TaskDefinitionError
  ) {
    return EXIT.config;
  }
  if (error instanceof ReportError) {
    // the folder named on the command line is not a launch folder (or cannot be written)
    return EXIT.usage;
  }
  return EXIT.launchError;
}

/** The library's composition errors speak of "mode 'multirun'"; on the command line that is -m. */
function multirunHint(error: unknown): string {
  if (error instanceof ConfigCompositionError && /multirun/.test(error.message) && !/Sweeping over Hydra/.test(error.message)) {
    return "\nOn the command line: add -m (--multirun) to sweep, e.g. 'spectramind train -m seed=7,11'.";
  }
  return '';
}

const UNKNOWN_FIELD = /^is not a known field; known fields: (.+?)\. Remove it or fix its spelling$/;

/** A launcher config violation list, with the closest known names for a misspelt field. */
function configErrorText(error: ConfigError): string {
  const [title] = error.message.split('\n');
  const lines = error.violations.map((v) => `  - ${violationText(v)}`);
  return [title?.replace(/^Invalid (\w+) launcher config:$/, 'Invalid hydra.launcher fields for the $1 launcher:') ?? error.message, ...lines].join('\n');
}

function violationText(v: ConfigViolation): string {
  const field = v.path.replace(/^\//, '').replace(/\//g, '.');
  // Output settings are checked under /hydra; everything else is a field of hydra.launcher.
  const full = field === 'hydra' || field.startsWith('hydra.') ? field : `hydra.launcher.${field}`;
  const match = UNKNOWN_FIELD.exec(v.message);
  if (match === null) return `${full}: ${v.message} (got ${JSON.stringify(v.value)})`;
  const known = (match[1] ?? '').split(', ');
  const close = closestNames(field.split('.').pop() ?? field, known);
  const guess = close.length > 0 ? `did you mean ${close.join(', ')}?` : `known fields: ${known.join(', ')}`;
  return `${full} is not a known field: ${guess} (see 'spectramind <task> --info config' for its fields)`;
}

function stackLines(error: Error): string[] {
  const lines = [error.stack ?? `${error.name}: ${error.message}`];
  let cause: unknown = error.cause;
  while (cause instanceof Error) {
    lines.push(`Caused by: ${cause.stack ?? cause.message}`);
    cause = cause.cause;
  }
  if (error instanceof LaunchError) lines.push(`code: ${error.code}`);
  return lines;
}
