import { close, closeSync, open, openSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

// The callback API hands back plain descriptors: no FileHandle object per file on the launching thread.
const openFile = promisify(open);
const closeFile = promisify(close);

/** A job's `stdout.log` and `stderr.log`, open for appending, as descriptors a child can inherit. */
export interface JobLogs {
  readonly stdoutFile: string;
  readonly stderrFile: string;
  readonly stdout: number;
  readonly stderr: number;
}

/** Where a job's logs go: `<outputDir>/stdout.log` and `<outputDir>/stderr.log`. */
export function jobLogPaths(outputDir: string): { readonly stdoutFile: string; readonly stderrFile: string } {
  return { stdoutFile: join(outputDir, 'stdout.log'), stderrFile: join(outputDir, 'stderr.log') };
}

/**
 * Opens a job's two log files for appending on the thread pool, so a launch can open them ahead
 * of need while other jobs run. The folder must exist. On failure nothing stays open.
 */
export async function openJobLogs(outputDir: string): Promise<JobLogs> {
  const paths = jobLogPaths(outputDir);
  const [stdout, stderr] = await Promise.allSettled([openFile(paths.stdoutFile, 'a'), openFile(paths.stderrFile, 'a')]);
  if (stdout.status === 'fulfilled' && stderr.status === 'fulfilled') return { ...paths, stdout: stdout.value, stderr: stderr.value };
  await Promise.all([stdout, stderr].map((opened) => (opened.status === 'fulfilled' ? closeFile(opened.value).catch(() => undefined) : undefined)));
  throw (stdout.status === 'rejected' ? stdout.reason : (stderr as PromiseRejectedResult).reason) as Error;
}

/** Closes both descriptors (the child holds its own copies once it runs). Never rejects. */
export async function closeJobLogs(logs: JobLogs): Promise<void> {
  await Promise.all([closeFile(logs.stdout).catch(() => undefined), closeFile(logs.stderr).catch(() => undefined)]);
}

/** `openJobLogs` in one synchronous call (a worker thread's job folder work). On failure nothing stays open. */
export function openJobLogsSync(outputDir: string): JobLogs {
  const paths = jobLogPaths(outputDir);
  const stdout = openSync(paths.stdoutFile, 'a');
  try {
    return { ...paths, stdout, stderr: openSync(paths.stderrFile, 'a') };
  } catch (error) {
    closeSync(stdout);
    throw error;
  }
}
