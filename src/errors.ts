/**
 * Every error the library throws on purpose is a `LaunchError` with a stable `code`,
 * so callers can switch on it; messages name the field, the value and the fix.
 */
export class LaunchError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** One schema violation: where (JSON path), what was there, and what is allowed. */
export interface ConfigViolation {
  /** JSON Pointer-like path such as `/max_parallel_jobs` (`/` for the root). */
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
}

/** A launcher or output config that does not match its JSON Schema. */
export class ConfigError extends LaunchError {
  readonly violations: readonly ConfigViolation[];
  constructor(subject: string, violations: readonly ConfigViolation[], options?: { cause?: unknown }) {
    const lines = violations.map((v) => `  - ${v.path}: ${v.message} (got ${describeValue(v.value)})`);
    super('ERR_CONFIG', `Invalid ${subject}:\n${lines.join('\n')}`, options);
    this.violations = violations;
  }
}

/** A launcher name or `_target_` that no registered launcher answers to. */
export class UnknownLauncherError extends LaunchError {
  /** The name or `_target_` asked for. */
  readonly launcher: string;
  readonly known: readonly string[];
  constructor(name: string, known: readonly string[]) {
    super(
      'ERR_UNKNOWN_LAUNCHER',
      `Unknown launcher ${JSON.stringify(name)}. Known launchers: ${known.join(', ')}. ` +
        'Pick one of these, or add yours: pass its LauncherDefinition to createLauncher(config, { launchers: [yourLauncher] }) ' +
        '(a `_target_` listed in its `targets` picks it too), or, from a config folder, give createLauncherFromConfig the same `launchers` option. ' +
        'See "Your own launcher" in docs/launching.md.',
    );
    this.launcher = name;
    this.known = known;
  }
}

/** A job spec that cannot be run as written (e.g. a function job on a process launcher). */
export class JobSpecError extends LaunchError {
  /** The job's number when one job is at fault; null for the list as a whole. */
  readonly job: number | null;
  /** The field at fault (`command`, `cwd`, `env.FOO` ...), when one is. */
  readonly field: string | null;
  constructor(message: string, options?: { cause?: unknown; job?: number | null; field?: string | null }) {
    super('ERR_JOB_SPEC', message, options);
    this.job = options?.job ?? null;
    this.field = options?.field ?? null;
  }
}

/** Renders a value for an error message: short, typed, never a whole object dump. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `${JSON.stringify(value)} (string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${String(value)} (${typeof value})`;
  }
  if (value === null) return 'null';
  const text = JSON.stringify(value) ?? String(value);
  const kind = Array.isArray(value) ? 'array' : typeof value;
  return `${text.length > 80 ? `${text.slice(0, 77)}...` : text} (${kind})`;
}

/**
 * A launch that had to stop as a whole (its folder or event log could not be written, or a
 * backend failed): its running jobs were stopped and recorded, what could be written was, and
 * then the launch rejected with this. `path` names the file or folder at fault.
 */
export class LaunchFailedError extends LaunchError {
  readonly path: string;
  constructor(path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('ERR_LAUNCH_FAILED', `The launch in ${JSON.stringify(path)} stopped: ${reason}. Its running jobs were stopped and recorded; fix the cause, then resume the launch from its folder.`, { cause });
    this.path = path;
  }
}
