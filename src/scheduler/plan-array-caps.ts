/** One array as the cap planner sees it. */
export interface ArrayBudget {
  readonly id: string;
  /** Tasks not finished yet (pending or running). */
  readonly remaining: number;
  /** Its current cap (`%N`); 0 for an array still held because the budget was spent. */
  readonly cap: number;
  readonly released: boolean;
}

/** What to do to one array: raise its cap, and release it if it was waiting. */
export interface CapChange {
  readonly id: string;
  readonly cap: number;
  readonly release: boolean;
}

/**
 * Shares `parallelism` between the arrays of one launch, in order: each gets what its unfinished
 * tasks can use of what is left. The caps sum to at most `parallelism`, so the launch never runs
 * more at once; as earlier arrays finish, later ones get their share (raised, or released).
 * Caps only ever grow, so no array is squeezed below what it runs. Pure.
 */
export function planArrayCaps(arrays: readonly ArrayBudget[], parallelism: number): CapChange[] {
  let left = parallelism;
  const changes: CapChange[] = [];
  for (const array of arrays) {
    if (array.remaining <= 0) continue;
    const share = Math.min(array.remaining, left);
    // a running array keeps what it has even when its share shrank: its tasks only finish
    const used = array.released ? Math.max(share, Math.min(array.cap, array.remaining)) : share;
    left = Math.max(0, left - used);
    if (share <= 0) continue;
    if (!array.released || share > array.cap) changes.push({ id: array.id, cap: Math.max(share, array.released ? array.cap : 0), release: !array.released });
  }
  return changes;
}

/** The caps arrays are submitted with: the first arrays get the budget, the rest wait held (cap 0). Pure. */
export function initialArrayCaps(counts: readonly number[], parallelism: number): number[] {
  let left = parallelism;
  return counts.map((count) => {
    const cap = Math.min(count, left);
    left -= cap;
    return cap;
  });
}
