import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { LaunchError } from '../errors.js';
import { RunDirError } from './run-dir-error.js';

/** An append-only JSONL file: one JSON object per line, written as it happens. */
export interface EventLog {
  /** The file's absolute or given path. */
  readonly file: string;
  /** Appends one event as one line, synchronously: once it returns, the line is in the file. */
  append(event: object): void;
  /** Closes the file; later appends throw. Safe to call twice. */
  close(): void;
}

/** An append after `close()`: the launch is over, the event has nowhere to go. */
export class EventLogClosedError extends LaunchError {
  constructor(file: string) {
    super('ERR_EVENT_LOG_CLOSED', `The event log ${JSON.stringify(file)} is closed; append events before closing it.`);
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

/**
 * Opens (creating folders and file) an `events.jsonl` for appending. Each event is serialised
 * first and written with a single `write` on an `O_APPEND` descriptor, so a crash never loses
 * earlier lines and lines from several writers never interleave.
 */
export function openEventLog(file: string): EventLog {
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, 'a');
  } catch (error) {
    throw new RunDirError(file, `Cannot open the event log ${JSON.stringify(file)}: ${(error as Error).message}. Check the folder's permissions.`, {
      cause: error,
    });
  }
  let open = true;
  return {
    file,
    append(event: object): void {
      if (!open) throw new EventLogClosedError(file);
      const line = Buffer.from(`${JSON.stringify(event, replacer)}\n`, 'utf8');
      let written = 0;
      while (written < line.length) written += writeSync(fd, line, written, line.length - written);
    },
    close(): void {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
