/** Expands SLURM's task list syntax (`4`, `[4-7%2]`, `[1,3-5]`) into task ids. */
export function expandTaskList(text: string): number[] {
  const inner = text.replace(/^\[/, '').replace(/\]$/, '').replace(/%\d+$/, '');
  const tasks: number[] = [];
  for (const part of inner.split(',')) {
    const match = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part.trim());
    if (match === null) continue;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    const step = match[3] === undefined ? 1 : Math.max(1, Number(match[3]));
    for (let t = from; t <= to; t += step) tasks.push(t);
  }
  return tasks;
}

/** The inverse of {@link expandTaskList} for ascending ids: `[0,1,2,5]` -> `0-2,5`. */
export function formatTaskList(tasks: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < tasks.length; ) {
    let j = i;
    while (j + 1 < tasks.length && tasks[j + 1] === (tasks[j] as number) + 1) j += 1;
    parts.push(i === j ? String(tasks[i]) : `${String(tasks[i])}-${String(tasks[j])}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Splits `12_[4-7%2]` / `12_3` into the array id and its task ids. A bare `12` names no task:
 * sacct prints an array's first record that way until the database learns its task id (seen
 * as `79|FAILED` for what became `79_4`), so it must not be read as task 0.
 */
export function splitJobId(jobId: string): { arrayJobId: string; tasks: number[] } | null {
  const match = /^(\d+)(?:_(\d+|\[[^\]]*\]))?(?:\+\d+)?$/.exec(jobId.trim());
  if (match === null || match[1] === undefined) return null;
  return { arrayJobId: match[1], tasks: match[2] === undefined ? [] : expandTaskList(match[2]) };
}

/** Parses SLURM's `code:signal` exit pair. */
export function parseExitPair(text: string): { exitCode: number | null; signal: number | null } {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  if (match === null) return { exitCode: null, signal: null };
  return { exitCode: Number(match[1]), signal: Number(match[2]) };
}
