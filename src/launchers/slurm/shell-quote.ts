import { SlurmScriptError } from './slurm-errors.js';

/**
 * Quotes one word for a POSIX shell: single quotes, with `'` written as `'\''`. Inside single
 * quotes nothing is special (`$(...)`, backticks, `\`, newlines), so the word is data only.
 */
export function quoteShellWord(word: string): string {
  if (word.includes('\0')) throw new SlurmScriptError('shell word', word, 'a NUL byte cannot be passed to a program; remove it');
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

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

/** Throws unless `name` can be an environment variable name in a shell `export`. */
export function assertEnvName(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new SlurmScriptError('environment variable name', name, 'use letters, digits and _ only, not starting with a digit');
  }
}
