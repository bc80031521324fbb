import { open, readFile, stat } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { readEventLog } from '../run/read-event-log.js';
import { flattenResult } from './flatten-result.js';
import { foldLaunchEvents, type FoldedJob } from './fold-launch-events.js';
import { ReportError } from './report-error.js';
import type { ReportJob, ReportModel, ResultValue } from './report-model.js';

const TAIL_BYTES = 4096;
const TAIL_LINES = 15;
/** Folder reads in flight at once: 1,000 jobs must not open 3,000 files together. */
const CONCURRENCY = 32;

/**
 * Reads a launch folder into a report model: its `events.jsonl` (torn lines tolerated), then
 * per job its `metrics.json`, where its output went, and for failed jobs the tail of stderr.
 * A folder that was moved since the launch is followed (job folders are found under `dir`).
 */
export async function readReportModel(dir: string, now: number): Promise<ReportModel> {
  const log = await readEventLog(join(dir, 'events.jsonl'));
  if (!log.events.some((event) => event.type === 'launch:start')) {
    throw new ReportError(
      'ERR_REPORT_NO_LAUNCH',
      `No launch is recorded in ${JSON.stringify(join(dir, 'events.jsonl'))}${log.skipped.length > 0 ? ` (${log.skipped.length} unreadable line(s))` : ''}. Pass the run or sweep folder a launch wrote (the one holding events.jsonl).`,
    );
  }
  const folded = foldLaunchEvents(log.events, now);
  const launchDir = log.events.find((event) => event.type === 'launch:start')?.dir ?? dir;
  const jobs: ReportJob[] = [];
  for (let i = 0; i < folded.jobs.length; i += CONCURRENCY) {
    jobs.push(...(await Promise.all(folded.jobs.slice(i, i + CONCURRENCY).map((job) => readJob(job, dir, launchDir)))));
  }
  return { dir, launches: folded.launches, jobs, live: folded.live, readAt: now, skippedLines: log.skipped.length };
}

async function readJob(folded: FoldedJob, dir: string, launchDir: string): Promise<ReportJob> {
  const { result, ...job } = folded;
  const outputDir = relocate(job.outputDir, launchDir, dir);
  const metrics = await readJson(join(outputDir, 'metrics.json'));
  // The return value wins over metrics.json for a field both name.
  const results: Record<string, ResultValue> = { ...flattenResult(metrics ?? {}), ...(result === null || result === undefined ? {} : flattenResult(result)) };
  const logs = await findLogs(outputDir, dir, job.schedulerId);
  const failed = job.status === 'failed' || job.status === 'timed-out';
  return {
    ...job,
    outputDir,
    results,
    logPath: logs.stdout,
    stderrTail: failed && logs.stderr !== null ? await readTail(logs.stderr) : null,
  };
}

/** A job folder recorded under the launch's folder, found under `dir` if the sweep was moved. */
function relocate(outputDir: string, launchDir: string, dir: string): string {
  const inside = relative(launchDir, outputDir);
  if (launchDir === dir || inside.startsWith('..') || isAbsolute(inside)) return outputDir;
  return join(dir, inside);
}

/** Local launchers write `stdout.log`/`stderr.log` in the job folder; SLURM writes `<id>.out/.err` in `.submitit`. */
async function findLogs(outputDir: string, dir: string, schedulerId: string | null): Promise<{ stdout: string | null; stderr: string | null }> {
  const candidates = [{ stdout: join(outputDir, 'stdout.log'), stderr: join(outputDir, 'stderr.log') }];
  if (schedulerId !== null && /^[\w.-]+$/.test(schedulerId)) candidates.push({ stdout: join(dir, '.submitit', `${schedulerId}.out`), stderr: join(dir, '.submitit', `${schedulerId}.err`) });
  for (const candidate of candidates) {
    if (!(await exists(candidate.stdout))) continue;
    return { stdout: candidate.stdout, stderr: (await exists(candidate.stderr)) ? candidate.stderr : candidate.stdout };
  }
  return { stdout: null, stderr: null };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** The last lines of a log, read from its end (a 2 GB log costs one 4 KB read). */
export async function readTail(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (size > length) lines.shift(); // the first line was cut by the window
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines.slice(-TAIL_LINES).join('\n');
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
