import { closeSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

/**
 * The variable every job process inherits (and passes on to its children, even those that start
 * a new session or process group): how the launcher finds them after the group kill, as Jenkins'
 * ProcessTreeKiller does. Its value is `<launchId>/<job num>`.
 */
export const PROCESS_MARK_ENV = 'SPECTRAMIND_PROCESS_MARK';

/** A job's mark. */
export function processMark(launchId: string, num: number): string {
  return `${launchId}/${num}`;
}

/** Which marks to look for: one job's (`exact`) or every job of a launch (`prefix`, `<launchId>/`). */
export type MarkQuery = { readonly exact: string } | { readonly prefix: string };

function matches(environ: Buffer, query: MarkQuery): boolean {
  const needle = `${PROCESS_MARK_ENV}=${'exact' in query ? query.exact : query.prefix}`;
  let at = environ.indexOf(needle);
  while (at !== -1) {
    const atStart = at === 0 || environ[at - 1] === 0;
    const end = at + Buffer.byteLength(needle);
    if (atStart && ('prefix' in query || end === environ.length || environ[end] === 0)) return true;
    at = environ.indexOf(needle, at + 1);
  }
  return false;
}

const isPid = (name: string): boolean => /^\d+$/.test(name);

/**
 * The pids of live processes carrying the mark, read from /proc/<pid>/environ (only our own
 * user's processes are readable, which is all a job can start). Never this process. Empty where
 * /proc does not exist (the group kill is then the only sweep).
 */
export async function findMarkedProcesses(query: MarkQuery): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  await Promise.all(
    names.filter(isPid).map(async (name) => {
      const pid = Number(name);
      if (pid === process.pid) return;
      const environ = await readFile(`/proc/${name}/environ`).catch(() => null);
      if (environ !== null && matches(environ, query)) found.push(pid);
    }),
  );
  return found.sort((a, b) => a - b);
}

/** {@link findMarkedProcesses}, synchronously: for the launching process's `exit` handler, where nothing async runs. */
export function findMarkedProcessesSync(query: MarkQuery): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const name of names.filter(isPid)) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    try {
      if (matches(readFileSync(`/proc/${name}/environ`), query)) found.push(pid);
    } catch {
      // Gone, or not ours.
    }
  }
  return found;
}

/** Room for `/proc/<pid>/stat`: its start time (field 22) comes well within it, whatever the command's name. */
const STAT_BYTES = 1024;

/**
 * When a process started, in clock ticks since boot (`/proc/<pid>/stat` field 22): with the pid it
 * names one process for good, so a resume never mistakes a reused pid for a job. null without /proc.
 * Read once per job start on the launching thread: one open, one read into a small buffer and a
 * close (readFileSync also stats the file and decodes it all).
 */
export function readProcessStart(pid: number): number | null {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.allocUnsafe(STAT_BYTES);
    const stat = buffer.toString('latin1', 0, readSync(fd, buffer, 0, STAT_BYTES, null));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ', 21);
    const ticks = fields.length === 21 ? Number(fields[19]) : Number.NaN;
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
