import { open, rename, rm, stat, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { nanoid } from 'nanoid';

/** What capping a log did. */
export type LogCap =
  | { readonly truncated: false; readonly bytes: number; readonly error?: string }
  | { readonly truncated: true; readonly originalBytes: number; readonly bytes: number };

/** Bytes kept free in a capped log for the note line (it is far shorter). */
const NOTE_ROOM = 256;

/** How many leading bytes of a log survive every cut, so the running and the final cut agree. */
export function logHeadBytes(maxBytes: number): number {
  return Math.max(0, Math.floor((maxBytes - NOTE_ROOM) / 2));
}

/**
 * Keeps a log that a running job still writes from outgrowing `maxBytes`: once it does, the
 * file is truncated back to its head (the job's fd appends, so its next write lands at the new
 * end). Returns the bytes cut (at least; the job may have written more meanwhile). The final
 * {@link capLogFile} notes the cut. A missing file is fine.
 */
export async function trimRunningLog(path: string, maxBytes: number): Promise<number> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return 0;
  }
  if (size <= maxBytes) return 0;
  const head = logHeadBytes(maxBytes);
  await truncate(path, head);
  return size - head;
}

/**
 * Cuts a finished job's log down to `maxBytes`, keeping its head and its tail (where the
 * error usually is) around a note line that says how much was cut and why; `cutWhileRunning`
 * counts what {@link trimRunningLog} already removed after the head. Runs after the job
 * ended, so no writer holds the file; the rewrite is atomic. A missing file is fine.
 */
export async function capLogFile(path: string, maxBytes: number, settingName: string, cutWhileRunning = 0): Promise<LogCap> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { truncated: false, bytes: 0 };
  }
  if (size <= maxBytes && cutWhileRunning === 0) return { truncated: false, bytes: size };
  const originalBytes = size + cutWhileRunning;
  const headBytes = Math.min(size, logHeadBytes(maxBytes));
  const tailBytes = Math.max(0, Math.min(size - headBytes, maxBytes - headBytes - noteFor(originalBytes, originalBytes, settingName).length));
  const note = noteFor(originalBytes - headBytes - tailBytes, originalBytes, settingName);
  const source = await open(path, 'r');
  const temp = join(dirname(path), `.${basename(path)}.${nanoid(8)}.tmp`);
  try {
    const head = Buffer.alloc(headBytes);
    const tail = Buffer.alloc(tailBytes);
    await source.read(head, 0, headBytes, 0);
    await source.read(tail, 0, tailBytes, size - tailBytes);
    const out = await open(temp, 'wx');
    try {
      await out.write(head);
      await out.write(note);
      await out.write(tail);
    } finally {
      await out.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    await source.close();
  }
  return { truncated: true, originalBytes, bytes: headBytes + note.length + tailBytes };
}

function noteFor(cut: number, size: number, settingName: string): Buffer {
  return Buffer.from(`\n[spectramind-launch: ${cut} bytes of this ${size}-byte log were cut here to respect ${settingName}]\n`);
}
