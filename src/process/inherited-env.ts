/** The one copy handed out, and the process environment it was taken from (names and values, in order). */
interface KeptCopy {
  readonly entries: readonly (readonly [string, string | undefined])[];
  readonly copy: Readonly<NodeJS.ProcessEnv>;
}

// Kept across launches on purpose (a cache, not state a caller sees): every job's environment is
// layered on this copy as its prototype (see layerEnv), and V8 gives objects a hidden class per
// prototype. A new copy per launch made the per-job code see new hidden classes at every launch
// and throw its optimised code away (measured: ~0.3-0.4 s of background compiling per 1,000-job
// launch); process.env itself as the prototype reads each variable through an interceptor and
// lists a variable a job sets twice in the child's environment.
let kept: KeptCopy | null = null;

/**
 * A copy of `source` (the process environment) for jobs to inherit, never to be written: the same object for
 * as long as the environment holds the same names and values, a new one once it changed. Taken
 * once per launch, so a launch's jobs all see the environment of its start.
 */
export function inheritedEnv(source: NodeJS.ProcessEnv = process.env): Readonly<NodeJS.ProcessEnv> {
  const entries = Object.entries(source);
  if (kept !== null && sameEntries(kept.entries, entries)) return kept.copy;
  // Not frozen: a job's own variable set over a frozen inherited one would throw (see layerEnv).
  kept = { entries, copy: Object.fromEntries(entries) };
  return kept.copy;
}

function sameEntries(a: KeptCopy['entries'], b: KeptCopy['entries']): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [nameA, valueA] = a[i] as readonly [string, string | undefined];
    const [nameB, valueB] = b[i] as readonly [string, string | undefined];
    if (nameA !== nameB || valueA !== valueB) return false;
  }
  return true;
}
