import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { LaunchError } from '../errors.js';
import { createRecordRedactor } from './redact/redact-record.js';
import { RunDirError } from './run-dir-error.js';

/** A torn last line cut off when the log was opened (a writer died or the disk filled mid-line). */
export interface RepairedTail {
  /** Bytes removed from the end of the file. */
  readonly bytes: number;
  /** The removed text's first 200 characters. */
  readonly excerpt: string;
}

/** An append-only JSONL file: one JSON object per line, written as it happens or in batches. */
export interface EventLog {
  /** The file's absolute or given path. */
  readonly file: string;
  /** What opening cut from a torn last line; null when the file ended cleanly or no repair was asked. */
  readonly repaired: RepairedTail | null;
  /**
   * Appends one event as one line, synchronously: once it returns, the line (and every queued
   * one before it) is in the file. A failed write (a full disk) is undone back to the last whole
   * line and throws `EventLogWriteError`.
   */
  append(event: object): void;
  /**
   * Serialises one event and keeps its line for the next `flush()`, `append` or `close`: no I/O,
   * unless more than {@link EVENT_LOG_BATCH_CHARS} are queued (then it flushes, and may throw as `append`).
   */
  queue(event: object): void;
  /** Writes every queued line, in order, with one `write`; the same failure rules as `append`. */
  flush(): void;
  /** Lines queued and not yet written. */
  readonly pending: number;
  /** Writes what is queued, then closes the file; later appends throw. Safe to call twice. */
  close(): void;
}

/** An append after `close()`: the launch is over, the event has nowhere to go. */
export class EventLogClosedError extends LaunchError {
  readonly path: string;
  constructor(file: string) {
    super('ERR_EVENT_LOG_CLOSED', `The event log ${JSON.stringify(file)} is closed; append events before closing it.`);
    this.path = file;
  }
}

/** A line that could not be written (ENOSPC, EIO, a quota): the log still ends on a whole line. */
export class EventLogWriteError extends LaunchError {
  readonly path: string;
  constructor(file: string, cause: unknown) {
    super(
      'ERR_EVENT_LOG_WRITE',
      `Cannot append to the event log ${JSON.stringify(file)}: ${(cause as Error).message}. Free disk space or check the folder's permissions, then resume the launch.`,
      { cause },
    );
    this.path = file;
  }
}

/** JSON for events: bigints as decimal strings, errors as `{ name, message, code }`. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return value;
}

const TAIL_CHUNK = 64 * 1024;

/** Queued text past which `queue` writes at once, so one busy tick (a job printing fast) stays bounded. @default 256 KiB */
export const EVENT_LOG_BATCH_CHARS = 256 * 1024;

/**
 * Cuts a torn last line (bytes after the last '\n') so the next append starts a fresh line
 * instead of gluing onto half a record. Reads backwards in chunks: a torn output line may be long.
 */
function repairTornTail(fd: number, size: number): RepairedTail | null {
  if (size === 0) return null;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return null;
  let end = size;
  let keep = 0;
  while (end > 0) {
    const start = Math.max(0, end - TAIL_CHUNK);
    const chunk = Buffer.alloc(end - start);
    readSync(fd, chunk, 0, chunk.length, start);
    const newline = chunk.lastIndexOf(0x0a);
    if (newline !== -1) {
      keep = start + newline + 1;
      break;
    }
    end = start;
  }
  const excerpt = Buffer.alloc(Math.min(800, size - keep));
  readSync(fd, excerpt, 0, excerpt.length, keep);
  ftruncateSync(fd, keep);
  return { bytes: size - keep, excerpt: excerpt.toString('utf8').slice(0, 200) };
}

export interface OpenEventLogOptions {
  /**
   * Cut a torn last line before appending. Only for the folder's owner (the launch lock's
   * holder): to anyone else a torn tail may be another writer's line still being written, which
   * a cut would tear for good. @default false
   */
  readonly repairTornTail?: boolean;
}

/**
 * Opens (creating folders and file) an `events.jsonl` for appending, first repairing a torn last
 * line when told it owns the file. Events are serialised as they come; each `append` or `flush`
 * writes the lines waiting so far with a single `write` on an `O_APPEND` descriptor, so the file
 * only ever grows by whole lines, a crash never loses what was written, and lines from several
 * writers never interleave.
 */
export function openEventLog(file: string, options: OpenEventLogOptions = {}): EventLog {
  let fd: number;
  let repaired: RepairedTail | null = null;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, 'a+');
    if (options.repairTornTail === true) repaired = repairTornTail(fd, fstatSync(fd).size);
  } catch (error) {
    throw new RunDirError(file, `Cannot open the event log ${JSON.stringify(file)}: ${(error as Error).message}. Check the folder's permissions.`, {
      cause: error,
    });
  }
  let open = true;
  let queued: string[] = [];
  let queuedChars = 0;
  const redactRecord = createRecordRedactor();
  // A job's ref is the same object in each of its events: redacted once.
  const redactedRefs = new WeakMap<object, unknown>();
  let launchId: { readonly raw: string; readonly redacted: string } | null = null;
  /**
   * What `redactRecord(event)` gives, field by field, without its cost per event: empty values
   * and flags are kept, `type` and `time` are the sink's own strings, the launch id is redacted
   * once, the job's ref once per job, and every other field (a number, the job's result, an
   * error, a line of output, a group) goes through the redactor (key verdicts remembered).
   */
  const redactEvent = (event: object): object => {
    const redacted: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(event)) {
      if (value === null || value === undefined || typeof value === 'boolean') redacted[key] = value;
      else if (typeof value === 'string' && (key === 'type' || key === 'time')) redacted[key] = value;
      else if (typeof value === 'string' && key === 'launchId') {
        if (launchId?.raw !== value) launchId = { raw: value, redacted: (redactRecord({ launchId: value }) as { launchId: string }).launchId };
        redacted[key] = launchId.redacted;
      } else if (key === 'job' && typeof value === 'object') {
        let ref = redactedRefs.get(value);
        if (ref === undefined) {
          ref = redactRecord(value);
          redactedRefs.set(value, ref);
        }
        redacted[key] = ref;
      } else redacted[key] = (redactRecord({ [key]: value }) as Record<string, unknown>)[key];
    }
    return redacted;
  };
  const serialise = (event: object): string => `${JSON.stringify(redactEvent(event), replacer)}\n`;
  const flush = (): void => {
    if (queued.length === 0) return;
    const batch = queued.length === 1 ? (queued[0] as string) : queued.join('');
    queued = [];
    queuedChars = 0;
    writeWhole(fd, file, batch);
  };
  return {
    file,
    repaired,
    get pending() {
      return queued.length;
    },
    append(event: object): void {
      if (!open) throw new EventLogClosedError(file);
      queued.push(serialise(event));
      flush();
    },
    queue(event: object): void {
      if (!open) throw new EventLogClosedError(file);
      const line = serialise(event);
      queued.push(line);
      queuedChars += line.length;
      if (queuedChars > EVENT_LOG_BATCH_CHARS) flush();
    },
    flush(): void {
      if (!open) throw new EventLogClosedError(file);
      flush();
    },
    close(): void {
      if (!open) return;
      open = false;
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * Writes whole lines or none: one `write` on an `O_APPEND` descriptor for the batch (a loop only
 * if the kernel takes part of it). The text goes to the kernel as it is: no Buffer per batch on
 * the launching thread (one per job end was a visible share of its time); a partial write, rare
 * for a regular file, continues from the bytes it took. When a write fails (a full disk) the file
 * is cut back to the last whole line that made it, so it never ends on a torn record, and
 * `EventLogWriteError` names it.
 */
function writeWhole(fd: number, file: string, text: string): void {
  let written = 0;
  let batch: Buffer | null = null;
  try {
    written = writeSync(fd, text, null, 'utf8');
    if (written >= Buffer.byteLength(text, 'utf8')) return;
    batch = Buffer.from(text, 'utf8');
    while (written < batch.length) written += writeSync(fd, batch, written, batch.length - written);
  } catch (error) {
    const bytes = batch ?? (written > 0 ? Buffer.from(text, 'utf8') : null);
    const torn = bytes === null ? 0 : written - (bytes.lastIndexOf(0x0a, written - 1) + 1);
    if (written > 0 && torn > 0) {
      try {
        ftruncateSync(fd, fstatSync(fd).size - torn);
      } catch {
        // The repair on the next open cuts it instead.
      }
    }
    throw new EventLogWriteError(file, error);
  }
}
