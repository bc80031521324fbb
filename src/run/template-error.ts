import { LaunchError } from '../errors.js';

/** A path template (or strftime pattern) that cannot be rendered: bad directive, unknown key. */
export class TemplateError extends LaunchError {
  /** The template as written. */
  readonly template: string;
  constructor(template: string, message: string, options?: { cause?: unknown }) {
    super('ERR_TEMPLATE', message, options);
    this.template = template;
  }
}
