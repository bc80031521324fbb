import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { JOB_STATUSES } from '../job/job-outcome.js';
import { IN_FLIGHT_STATES, type InFlightState, type LaunchEvent } from './launch-events.js';

/** Why a line of `events.jsonl` was left out of the typed records. */
export type SkippedLineReason =
  /** The last line has no newline: a writer died (or the disk filled) mid-line. */
  | 'torn'
  /** Not JSON at all. */
  | 'invalid-json'
  /** JSON, but not an event this version knows (unknown `type`, missing fields). */
  | 'not-an-event';

/** A line a reader could not turn into an event, reported instead of thrown. */
export interface SkippedLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: SkippedLineReason;
  /** The line's first 200 characters, for the message a caller prints. */
  readonly excerpt: string;
}

/** What a reader got out of an `events.jsonl`: typed events in file order and what it skipped. */
export interface EventLogContents {
  readonly events: readonly LaunchEvent[];
  /** The torn last line, if the file ends in one (also listed in `skipped`). */
  readonly torn: SkippedLine | null;
  readonly skipped: readonly SkippedLine[];
}

const EMPTY: EventLogContents = { events: [], torn: null, skipped: [] };

const JOB_EVENT_TYPES = new Set(['job:queued', 'job:start', 'job:output', 'job:state', 'job:end']);
const LAUNCH_EVENT_TYPES = new Set(['launch:start', 'launch:end']);
const STATUSES = new Set<string>(JOB_STATUSES);
const IN_FLIGHT = new Set<string>(IN_FLIGHT_STATES);

/**
 * Parses the text of an `events.jsonl` into typed events. Never throws: a torn last line (no
 * final newline) and lines that are not events are skipped and reported. Pure.
 */
export function parseEventLog(text: string): EventLogContents {
  if (text === '') return EMPTY;
  const events: LaunchEvent[] = [];
  const skipped: SkippedLine[] = [];
  let torn: SkippedLine | null = null;
  const lines = text.split('\n');
  // A complete file ends with '\n', so the last element is ''; anything else there is torn.
  const last = lines.pop() as string;
  if (last !== '') {
    torn = { line: lines.length + 1, reason: 'torn', excerpt: last.slice(0, 200) };
  }
  lines.forEach((line, index) => {
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped.push({ line: index + 1, reason: 'invalid-json', excerpt: line.slice(0, 200) });
      return;
    }
    if (isLaunchEvent(value)) events.push(normalise(value));
    else skipped.push({ line: index + 1, reason: 'not-an-event', excerpt: line.slice(0, 200) });
  });
  if (torn !== null) skipped.push(torn);
  return { events, torn, skipped };
}

/** Reads and parses a launch's `events.jsonl`; a missing file reads as an empty log. */
export async function readEventLog(file: string): Promise<EventLogContents> {
  try {
    return parseEventLog(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
    throw error;
  }
}

/** {@link readEventLog}, synchronously (resume checks run before a launch starts). */
export function readEventLogSync(file: string): EventLogContents {
  try {
    return parseEventLog(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
    throw error;
  }
}

/** Logs written before in-flight states were typed carry a scheduler word in `state`: keep it in `native`. */
function normalise(event: LaunchEvent): LaunchEvent {
  if (event.type !== 'job:state') return event;
  const raw = event as { state: string; native?: string | null };
  if (IN_FLIGHT.has(raw.state) && raw.native !== undefined) return event;
  const state: InFlightState = IN_FLIGHT.has(raw.state) ? (raw.state as InFlightState) : 'unknown';
  return { ...event, state, native: raw.native ?? (state === 'unknown' ? raw.state : null) };
}

/** The checks a record needs before code may trust its type: envelope, job ref, and status. */
function isLaunchEvent(value: unknown): value is LaunchEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  if (typeof event.type !== 'string' || typeof event.time !== 'string' || typeof event.launchId !== 'string') return false;
  if (LAUNCH_EVENT_TYPES.has(event.type)) return typeof event.dir === 'string';
  if (!JOB_EVENT_TYPES.has(event.type)) return false;
  const job = event.job as Record<string, unknown> | null | undefined;
  if (typeof job !== 'object' || job === null || typeof job.num !== 'number' || !Array.isArray(job.overrides)) return false;
  if (event.type === 'job:end') return typeof event.status === 'string' && STATUSES.has(event.status);
  if (event.type === 'job:state') return typeof event.state === 'string';
  return true;
}
