import { isAbsolute, relative } from 'node:path';

/** A path as a person would type it from `cwd`: relative when inside it, absolute otherwise. */
export function showPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** Quotes a word for a POSIX shell only when it needs it, so a printed command can be pasted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
