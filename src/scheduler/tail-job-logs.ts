import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Clock } from '../process/system-clock.js';
import { createLineSplitter, type LineSplitter } from '../process/split-lines.js';

type Stream = 'stdout' | 'stderr';

/** What the tailer needs: where lines go, how often to look, how much output one job may emit. */
export interface LogTailerOptions {
  readonly clock: Clock;
  /** How often growing logs are read. */
  readonly intervalMs: number;
  /** At most this many bytes of one job's output become lines (both streams together); the rest is counted. */
  readonly capBytes: number;
  /** A line of a job's output (already bounded by the splitter's line length). */
  readonly onLine: (num: number, stream: Stream, line: string) => void;
}

/** Follows the log files of running batch jobs and turns what they append into lines. */
export interface LogTailer {
  /** Starts following a job's logs (idempotent); `stderr` equal to `stdout` is read once, as stdout. */
  follow(num: number, logs: { readonly stdout: string; readonly stderr: string }): void;
  /** Reads what is left of a job's logs (from the start when it was never followed), flushes a last partial line, forgets the job. */
  drain(num: number, logs: { readonly stdout: string; readonly stderr: string }): Promise<void>;
  /** Stops polling; jobs still followed are dropped undrained. */
  close(): Promise<void>;
}

interface FollowedFile {
  readonly path: string;
  readonly stream: Stream;
  offset: number;
  decoder: StringDecoder;
  readonly splitter: LineSplitter;
}

interface FollowedJob {
  readonly files: readonly FollowedFile[];
  recorded: number;
  readonly cut: Record<Stream, number>;
}

const CHUNK_BYTES = 256 * 1024;

/**
 * A poll-based `tail -F` for the logs a scheduler writes on a shared file system: no inotify
 * (it does not see writes made on another node), a read of only the new bytes each interval,
 * UTF-8 kept whole across reads, lines bounded as the local launcher's are, and a per-job cap
 * on what becomes events (past it only the byte count is kept, and told once at the end).
 * A log that shrank (a requeued task's log rewritten) is read again from its start.
 */
export function createLogTailer(options: LogTailerOptions): LogTailer {
  const jobs = new Map<number, FollowedJob>();
  const stop = new AbortController();
  // Reads never overlap: a drain waits for the poll in progress, and the other way round.
  let busy: Promise<void> = Promise.resolve();
  const exclusive = (work: () => Promise<void>): Promise<void> => {
    const next = busy.then(work, work);
    busy = next.catch(() => undefined);
    return next;
  };
  let loop: Promise<void> | null = null;

  const newJob = (num: number, logs: { readonly stdout: string; readonly stderr: string }): FollowedJob => {
    const files: FollowedFile[] = [];
    const job: FollowedJob = { files, recorded: 0, cut: { stdout: 0, stderr: 0 } };
    const streams: [Stream, string][] = logs.stderr === logs.stdout ? [['stdout', logs.stdout]] : [['stdout', logs.stdout], ['stderr', logs.stderr]];
    for (const [stream, path] of streams) {
      const splitter = createLineSplitter((line) => {
        const bytes = Buffer.byteLength(line) + 1;
        if (job.recorded + bytes > options.capBytes) {
          job.cut[stream] += bytes;
          return;
        }
        job.recorded += bytes;
        options.onLine(num, stream, line);
      });
      files.push({ path, stream, offset: 0, decoder: new StringDecoder('utf8'), splitter });
    }
    return job;
  };

  const readNew = async (job: FollowedJob, file: FollowedFile): Promise<void> => {
    const handle = await open(file.path, 'r').catch(() => null);
    if (handle === null) return; // not written yet
    try {
      const { size } = await handle.stat();
      if (size < file.offset) {
        file.offset = 0;
        file.decoder = new StringDecoder('utf8');
      }
      const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, size - file.offset)));
      while (file.offset < size) {
        if (job.recorded >= options.capBytes) {
          // past the cap nothing more becomes an event: count the bytes, do not read them
          job.cut[file.stream] += size - file.offset;
          file.offset = size;
          return;
        }
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - file.offset), file.offset);
        if (bytesRead === 0) return;
        file.offset += bytesRead;
        file.splitter.push(file.decoder.write(buffer.subarray(0, bytesRead)));
      }
    } finally {
      await handle.close();
    }
  };

  const poll = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      await options.clock.sleep(options.intervalMs, stop.signal).catch(() => undefined);
      if (stop.signal.aborted) return;
      await exclusive(async () => {
        for (const job of jobs.values()) for (const file of job.files) await readNew(job, file).catch(() => undefined);
      });
    }
  };

  return {
    follow(num, logs) {
      if (stop.signal.aborted || jobs.has(num)) return;
      jobs.set(num, newJob(num, logs));
      loop ??= poll();
    },
    drain(num, logs) {
      return exclusive(async () => {
        const job = jobs.get(num) ?? newJob(num, logs);
        jobs.delete(num);
        for (const file of job.files) {
          await readNew(job, file).catch(() => undefined);
          file.splitter.push(file.decoder.end());
          file.splitter.end();
        }
        for (const file of job.files) {
          const cut = job.cut[file.stream];
          if (cut > 0) options.onLine(num, file.stream, `[spectramind] ${cut} bytes of ${file.stream} were not recorded as events (at most ${options.capBytes} bytes per job); ${file.path} has them all`);
        }
      });
    },
    async close() {
      stop.abort();
      jobs.clear();
      await loop;
    },
  };
}
