import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '../run/write-file-atomic.js';
import { ReportError } from './report-error.js';
import { readReportModel } from './read-report-model.js';
import { renderReportPage } from './render-report-page.js';
import type { ReportMetric } from './summarise-sweep.js';

/** Options of `writeReport`. */
export interface WriteReportOptions {
  /** Where to write the page. @default `<dir>/report.html` */
  readonly file?: string;
  /** The page's title. @default `Sweep report: <folder name>` */
  readonly title?: string;
  /** The result that picks the best job. @default the first numeric result named like a loss (min) or a score (max), else the first numeric result (min) */
  readonly metric?: ReportMetric;
  /** Timeline rows at most; more lanes (slots, devices, nodes) collapse into this many. @default 40 */
  readonly maxLanes?: number;
  /** The time the report is written at (open bars of a running sweep end here). @default Date.now */
  readonly now?: () => number;
}

/** What `writeReport` wrote. */
export interface WrittenReport {
  /** The HTML file (absolute). */
  readonly file: string;
  readonly jobCount: number;
  /** True when the sweep was still running: the page says so and shows what was known. */
  readonly live: boolean;
}

/**
 * Writes one self-contained HTML report of a launch folder (a run or sweep folder holding
 * `events.jsonl`): a timeline, a results table and plots, with no network access needed to
 * view it. Works while the sweep still runs. Throws `ReportError` (`ERR_REPORT_*`).
 */
export async function writeReport(dir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const folder = resolve(dir);
  const resolved = resolveOptions(folder, options);
  const model = await readReportModel(folder, resolved.now());
  const html = renderReportPage(model, resolved);
  try {
    await writeFileAtomic(resolved.file, html);
  } catch (error) {
    throw new ReportError('ERR_REPORT_WRITE', `Cannot write the report to ${JSON.stringify(resolved.file)}: ${(error as Error).message}. Pass options.file in a writable folder.`, { cause: error });
  }
  return { file: resolved.file, jobCount: model.jobs.length, live: model.live };
}

function resolveOptions(folder: string, options: WriteReportOptions) {
  const maxLanes = options.maxLanes ?? 40;
  if (!Number.isInteger(maxLanes) || maxLanes < 1) {
    throw new ReportError('ERR_REPORT_OPTIONS', `Expected \`maxLanes\` to be a positive integer, got ${JSON.stringify(maxLanes)}. Pass e.g. 40.`);
  }
  const metric = options.metric ?? null;
  if (metric !== null && (typeof metric.name !== 'string' || metric.name === '' || (metric.goal !== 'min' && metric.goal !== 'max'))) {
    throw new ReportError('ERR_REPORT_OPTIONS', `Expected \`metric\` to be { name: <result field>, goal: 'min' | 'max' }, got ${JSON.stringify(metric)}. Pass e.g. { name: 'loss', goal: 'min' }.`);
  }
  return {
    file: resolve(options.file ?? join(folder, 'report.html')),
    title: options.title ?? `Sweep report: ${basename(folder)}`,
    metric,
    maxLanes,
    now: options.now ?? Date.now,
  };
}
