/**
 * Tests a `/`-separated relative path against a glob: `*` and `?` stay inside one folder
 * level, `**` spans any number of levels (also none). As in shells, wildcards do not match
 * names that start with a dot unless the pattern's segment does. Pure.
 */
export function matchGlob(pattern: string, path: string): boolean {
  return matchSegments(split(pattern), split(path));
}

/** True when the pattern has a wildcard, i.e. is not a plain file path. */
export function isGlobPattern(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

function split(text: string): string[] {
  return text.split('/').filter((part) => part !== '' && part !== '.');
}

function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  const [head, ...rest] = pattern;
  if (head === undefined) return path.length === 0;
  if (head === '**') {
    // Zero levels, or swallow one visible level and try again.
    if (matchSegments(rest, path)) return true;
    const [first, ...others] = path;
    return first !== undefined && !first.startsWith('.') && matchSegments(pattern, others);
  }
  const [first, ...others] = path;
  return first !== undefined && matchSegment(head, first) && matchSegments(rest, others);
}

function matchSegment(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.') && isGlobPattern(pattern)) return false;
  const source = Array.from(pattern, (char) => (char === '*' ? '[^/]*' : char === '?' ? '[^/]' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'u').test(name);
}
