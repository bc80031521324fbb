import { LaunchError } from '../errors.js';

/**
 * A run, sweep or job folder whose rendered path would leave the folder it belongs in
 * (a `..` segment, an absolute path, an empty or `.` segment, a NUL byte, an over-long
 * name). Thrown while planning, before any folder is made or any job starts.
 */
export class OutputPathError extends LaunchError {
  /** The setting or value concerned, e.g. `hydra.sweep.subdir` or `hydra.job.name`. */
  readonly field: string;
  /** The template as written (equal to `value` for a plain setting). */
  readonly template: string;
  /** What it rendered to. */
  readonly value: string;
  constructor(field: string, template: string, value: string, message: string) {
    super('ERR_OUTPUT_PATH', message);
    this.field = field;
    this.template = template;
    this.value = value;
  }
}
