import { BatchScriptError } from './scheduler-errors.js';

/**
 * Quotes one word for a POSIX shell: single quotes, with `'` written as `'\''`. Inside single
 * quotes nothing is special (`$(...)`, backticks, `\`, newlines), so the word is data only.
 */
export function quoteShellWord(word: string): string {
  if (word.includes('\0')) throw new BatchScriptError('shell word', word, 'a NUL byte cannot be passed to a program; remove it');
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Throws unless `name` can be an environment variable name in a shell `export`. */
export function assertEnvName(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new BatchScriptError('environment variable name', name, 'use letters, digits and _ only, not starting with a digit');
  }
}

/** Text safe inside a `#` comment: JSON escapes line breaks, so the comment stays one line. */
export function commentText(text: string): string {
  return JSON.stringify(text);
}
