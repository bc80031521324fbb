import { LaunchError } from '../errors.js';

/** A run, sweep or job folder (or a file in it) that could not be created or written. */
export class RunDirError extends LaunchError {
  /** The folder or file concerned. */
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('ERR_RUN_DIR', message, options);
    this.path = path;
  }
}
