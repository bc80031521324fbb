import { LaunchError } from '../errors.js';

/**
 * Every error composition raises on purpose. Each has a stable `code`, names the
 * file or key path involved, and says what to do about it.
 */

/** A config file that is not valid YAML, or not a mapping at its top. */
export class ConfigYamlError extends LaunchError {
  /** One-based line and column of the problem, when the YAML parser knows it. */
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    reason: string,
    options?: { cause?: unknown },
  ) {
    const where = line === null ? file : `${file}:${line}:${column ?? 1}`;
    super('ERR_CONFIG_YAML', `Invalid config file ${where}: ${reason}`, options);
  }
}

/** A primary config, group or option that the config folder does not have. */
export class MissingConfigError extends LaunchError {
  constructor(
    /** The config path that was looked for, e.g. `db/nosuch`. */
    readonly configPath: string,
    message: string,
    /** The options of the group when the path names a group option, else null. */
    readonly options: readonly string[] | null,
  ) {
    super('ERR_MISSING_CONFIG', message);
  }
}

/** The defaults lists or the command-line overrides cannot be composed as written. */
export class ConfigCompositionError extends LaunchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_CONFIG_COMPOSITION', message, options);
  }
}

/** Why an interpolation could not be resolved. */
export type InterpolationFailure =
  | 'missing-key'
  | 'missing-value'
  | 'cycle'
  | 'unknown-resolver'
  | 'resolver-failed'
  | 'syntax';

/** An interpolation (`${a.b}`, `${oc.env:X}`) that cannot be resolved; names the full key holding it. */
export class InterpolationError extends LaunchError {
  constructor(
    readonly failure: InterpolationFailure,
    /** Dotted path of the value being resolved, e.g. `db_url` or `hydra.launcher.submitit_folder`. */
    readonly fullKey: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`ERR_INTERPOLATION`, `Cannot resolve '${fullKey}': ${reason}`, options);
  }
}

/** A `???` value that a job needs but nobody set. */
export class MissingMandatoryValueError extends LaunchError {
  constructor(readonly fullKey: string) {
    super(
      'ERR_MISSING_VALUE',
      `Missing mandatory value: '${fullKey}' is '???'. Set it on the command line (${fullKey}=<value>) or in a config file.`,
    );
  }
}
