import { SlurmScriptError } from './slurm-errors.js';

/**
 * Quotes the value of an `#SBATCH` line. sbatch (not a shell) reads these lines: it joins
 * double-quoted text and honours `\` escapes, and a `#` outside quotes starts a comment.
 * A line break would end the comment and turn the rest into shell code, so control
 * characters are refused.
 */
export function quoteSbatchValue(field: string, value: string): string {
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw new SlurmScriptError(field, value, 'remove line breaks and control characters from it');
  }
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
