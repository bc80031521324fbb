/** The known names closest to a mistyped one (edit distance), best first: "did you mean". */
export function closestNames(wanted: string, known: readonly string[], limit = 3): string[] {
  const scored = known.map((name) => ({ name, distance: editDistance(wanted.toLowerCase(), name.toLowerCase()) }));
  // A name is "close" when under half of it must change, or it contains the wanted text.
  const close = scored.filter((s) => s.distance <= Math.max(2, Math.floor(s.name.length / 2)) || s.name.includes(wanted) || wanted.includes(s.name));
  return close
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}

/** Levenshtein distance with adjacent transpositions counted as one edit (lr -> rl). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((d[i - 1]?.[j] ?? 0) + 1, (d[i]?.[j - 1] ?? 0) + 1, (d[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (d[i - 2]?.[j - 2] ?? 0) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return d[a.length]?.[b.length] ?? 0;
}
