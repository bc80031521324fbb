import type { JobRecord, LaunchResult } from '../run/launch-result.js';
import { formatClock, overridesText } from './format-progress.js';
import type { Paint } from './use-color.js';

export interface SummaryOptions {
  readonly paint: Paint;
  /** How a path is shown (relative to the working directory, usually). */
  readonly showPath: (path: string) => string;
  /** The log file a person should open for a job that did not complete. */
  readonly logPathOf: (job: JobRecord) => string;
  readonly durationMs: number;
}

/**
 * The end-of-launch summary: the counts, a table of every job that did not complete
 * (number, overrides, status, exit code, log) and the launch folder.
 */
export function formatSummary(result: LaunchResult, options: SummaryOptions): string {
  const { paint } = options;
  const counts = Object.entries(result.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => (status === 'completed' ? paint('green', `${n} ${status}`) : paint(status === 'cancelled' ? 'yellow' : 'red', `${n} ${status}`)));
  const total = result.jobs.length + (result.unreached?.count ?? 0);
  const lines = [`${total} job${total === 1 ? '' : 's'}: ${counts.join(', ') || 'none ran'} in ${formatClock(options.durationMs)}${result.cancelled ? ' (cancelled)' : ''}`];
  const notDone = result.jobs.filter((job) => job.status !== 'completed');
  if (notDone.length > 0) {
    const rows = notDone.map((job) => [String(job.job.num), overridesText(job.job.overrides), job.status, exitCodeOf(job), options.showPath(options.logPathOf(job))]);
    lines.push('', ...table(['job', 'overrides', 'status', 'exit', 'log'], rows));
  }
  // A lazy source stopped early: its unreached jobs are one count, not one row each.
  const unreached = result.unreached;
  if (unreached !== null) lines.push('', `${unreached.count ?? 'The rest of the'} job${unreached.count === 1 ? '' : 's'} from job ${unreached.fromNum} on never started (${unreached.outcome.status}).`);
  const folder = result.mode === 'multirun' ? 'Sweep folder' : 'Run folder';
  lines.push('', `${folder}: ${options.showPath(result.dir)}`);
  return lines.join('\n');
}

/** The exit code, or the signal / reason that stands in for it. */
export function exitCodeOf(job: JobRecord): string {
  switch (job.status) {
    case 'completed':
    case 'failed':
      if (job.exitCode !== null) return String(job.exitCode);
      return job.status === 'failed' && job.signal !== null ? job.signal : '-';
    case 'timed-out':
    case 'cancelled':
      return job.signal ?? '-';
    case 'skipped':
    case 'detached':
      return '-';
  }
}

/** Left-aligned columns padded to their widest cell; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
