import { open } from 'node:fs/promises';

/** What {@link readLogTail} reads. */
export interface LogTailOptions {
  /** The last this many lines; null: every line within `maxBytes`. @default null */
  readonly lines?: number | null;
  /** Never reads more than this many bytes from the end of the file. @default 1048576 (1 MiB) */
  readonly maxBytes?: number;
}

/** How much of a log one tail reads at most. @default 1 MiB */
export const LOG_TAIL_MAX_BYTES = 1024 * 1024;

/**
 * The end of a (possibly huge, possibly growing) log file: at most `maxBytes` from its end, cut
 * to the last `lines` lines; a partial first line is dropped when the read did not start at 0.
 * null when the file does not exist (the job has not written it yet).
 */
export async function readLogTail(file: string, options: LogTailOptions = {}): Promise<string | null> {
  const maxBytes = options.maxBytes ?? LOG_TAIL_MAX_BYTES;
  const lines = options.lines ?? null;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new RangeError(`Expected \`maxBytes\` to be a positive integer, got ${String(maxBytes)}`);
  if (lines !== null && (!Number.isInteger(lines) || lines < 0)) throw new RangeError(`Expected \`tail\` to be a non-negative integer (a number of lines), got ${String(lines)}`);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    // a read from the middle of the file starts mid-line (maybe mid-character): drop that piece
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    if (lines === null) return text;
    if (lines === 0) return '';
    const ended = text.endsWith('\n');
    const all = (ended ? text.slice(0, -1) : text).split('\n');
    const kept = all.slice(-lines).join('\n');
    return ended && kept !== '' ? `${kept}\n` : kept;
  } finally {
    await handle.close();
  }
}
