/** What lane assignment needs of a job: its number, a named place, and when it ran. */
export interface LaneInput {
  readonly num: number;
  /** A device or node the launcher named; null: pack the job into a slot. */
  readonly place: string | null;
  /** First start and last end of its runs; null when it never ran. */
  readonly span: { readonly start: number; readonly end: number } | null;
}

/** The timeline's rows and which row each job's bar sits in. */
export interface LaneLayout {
  /** Row labels, top to bottom. */
  readonly rows: readonly string[];
  /** Job number -> row index. */
  readonly rowOf: ReadonlyMap<number, number>;
  /** How many lanes there were before collapsing into `rows` (equal when nothing collapsed). */
  readonly laneCount: number;
}

/**
 * Lays jobs out in lanes: one per named place (device or node) when the launcher recorded one,
 * otherwise slots packed greedily by start time (a job takes the first slot free when it
 * starts, so a `local` launch with 4 parallel jobs fills 4 lanes). More than `maxRows` lanes
 * collapse into `maxRows` rows of neighbouring lanes, so 1,000 jobs stay a readable picture. Pure.
 */
export function assignLanes(jobs: readonly LaneInput[], maxRows: number): LaneLayout {
  const lanes: string[] = [];
  const laneOf = new Map<number, number>();
  const named = new Map<string, number>();
  for (const place of [...new Set(jobs.flatMap((job) => (job.place === null || job.span === null ? [] : [job.place])))].sort(naturalCompare)) {
    named.set(place, lanes.length);
    lanes.push(place);
  }
  const slotEnds: number[] = [];
  const slotLane: number[] = [];
  const packed = jobs.filter((job) => job.span !== null && (job.place === null || !named.has(job.place))).sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0) || a.num - b.num);
  for (const job of packed) {
    const span = job.span as { start: number; end: number };
    let slot = slotEnds.findIndex((end) => end <= span.start);
    if (slot === -1) {
      slot = slotEnds.length;
      slotEnds.push(span.end);
      slotLane.push(lanes.length);
      lanes.push(`slot ${slot + 1}`);
    }
    slotEnds[slot] = span.end;
    laneOf.set(job.num, slotLane[slot] as number);
  }
  for (const job of jobs) {
    if (job.span !== null && job.place !== null && named.has(job.place)) laneOf.set(job.num, named.get(job.place) as number);
  }
  const neverRan = jobs.filter((job) => job.span === null);
  if (neverRan.length > 0) {
    const lane = lanes.length;
    lanes.push('not started');
    for (const job of neverRan) laneOf.set(job.num, lane);
  }
  return collapse(lanes, laneOf, Math.max(1, maxRows));
}

function collapse(lanes: readonly string[], laneOf: ReadonlyMap<number, number>, maxRows: number): LaneLayout {
  if (lanes.length <= maxRows) return { rows: lanes, rowOf: laneOf, laneCount: lanes.length };
  const rowOfLane = (lane: number): number => Math.floor((lane * maxRows) / lanes.length);
  const rows: string[] = [];
  for (let row = 0; row < maxRows; row++) {
    const members = lanes.filter((_, lane) => rowOfLane(lane) === row);
    rows.push(members.length === 1 ? (members[0] as string) : `${members[0] as string} … ${members.at(-1) as string}`);
  }
  const rowOf = new Map<number, number>();
  for (const [num, lane] of laneOf) rowOf.set(num, rowOfLane(lane));
  return { rows, rowOf, laneCount: lanes.length };
}

/** `device 2` before `device 10`. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
