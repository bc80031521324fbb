import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { nanoid } from 'nanoid';

/** What capping a log did. */
export type LogCap =
  | { readonly truncated: false; readonly bytes: number; readonly error?: string }
  | { readonly truncated: true; readonly originalBytes: number; readonly bytes: number };

/**
 * Cuts a finished job's log down to `maxBytes`, keeping its head and its tail (where the
 * error usually is) around a note line that says how much was cut and why. Runs after the
 * job ended, so no writer holds the file; the rewrite is atomic. A missing file is fine.
 */
export async function capLogFile(path: string, maxBytes: number, settingName: string): Promise<LogCap> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { truncated: false, bytes: 0 };
  }
  if (size <= maxBytes) return { truncated: false, bytes: size };
  const room = Math.max(0, maxBytes - noteFor(size, size, settingName).length);
  const headBytes = Math.floor(room / 2);
  const tailBytes = room - headBytes;
  const note = noteFor(size - headBytes - tailBytes, size, settingName);
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
  return { truncated: true, originalBytes: size, bytes: headBytes + Buffer.byteLength(note) + tailBytes };
}

function noteFor(cut: number, size: number, settingName: string): Buffer {
  return Buffer.from(`\n[spectramind-launch: ${cut} bytes of this ${size}-byte log were cut here to respect ${settingName}]\n`);
}
