import { LaunchError } from '../errors.js';

/** A report that cannot be written: no launch in the folder, bad options, an unwritable file. */
export class ReportError extends LaunchError {
  constructor(code: 'ERR_REPORT_NO_LAUNCH' | 'ERR_REPORT_OPTIONS' | 'ERR_REPORT_WRITE', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
