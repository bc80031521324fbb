/**
 * Python's `fnmatch.fnmatchcase` as a predicate: `*`, `?`, `[seq]`, `[!seq]`,
 * everything else literal, matched against the whole name.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    i++;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) {
        out += '\\[';
      } else {
        let body = pattern.slice(i, j).replaceAll('\\', '\\\\');
        i = j + 1;
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        else if (body.startsWith('^')) body = `\\${body}`;
        out += `[${body}]`;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 's');
}

/** Names matching any include glob and no exclude glob, in the given order (Hydra's `Glob.filter`). */
export function filterGlob(names: readonly string[], include: readonly string[], exclude: readonly string[]): string[] {
  const inc = include.map(globToRegExp);
  const exc = exclude.map(globToRegExp);
  return names.filter((name) => inc.some((re) => re.test(name)) && !exc.some((re) => re.test(name)));
}
