import type { UnreachedJobs } from '../run/launch-events.js';
import { assignLanes } from './assign-lanes.js';
import { escapeHtml, formatDuration } from './html-text.js';
import type { ReportJob, ReportJobStatus, ReportModel } from './report-model.js';
import { renderJobsTable } from './render-jobs-table.js';
import { renderResultPlots } from './render-result-plots.js';
import { renderTimeline, type TimeWindow } from './render-timeline.js';
import { REPORT_PAGE_SCRIPT } from './report-page-script.js';
import { REPORT_PAGE_STYLE } from './report-page-style.js';
import { STATUS_COLORS } from './status-colors.js';
import { summariseSweep, type ReportMetric } from './summarise-sweep.js';

/** How a page is rendered (resolved: every field set). */
export interface RenderReportOptions {
  readonly title: string;
  readonly metric: ReportMetric | null;
  /** Timeline rows at most; more lanes collapse into this many. */
  readonly maxLanes: number;
}

const STATUS_ORDER: readonly ReportJobStatus[] = ['completed', 'failed', 'timed-out', 'cancelled', 'skipped', 'detached', 'running', 'queued'];

/**
 * Renders the whole report as one HTML document: no external resource of any kind (a
 * Content-Security-Policy forbids them), CSS and script inline, every chart server-rendered SVG. Pure.
 */
export function renderReportPage(model: ReportModel, options: RenderReportOptions): string {
  const summary = summariseSweep(model.jobs, options.metric);
  const layout = assignLanes(
    model.jobs.map((job) => ({ num: job.num, place: job.place, span: runSpan(job) })),
    options.maxLanes,
  );
  const window = timeWindow(model);
  const counts = countStatuses(model.jobs);
  const best = model.jobs.find((job) => job.num === summary.bestNum);
  const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${REPORT_PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(options.title)}</h1>
<p class="muted">${escapeHtml(model.dir)}</p>
${model.live ? `<p class="live" role="status">This sweep is still running: the report shows what was known at ${escapeHtml(new Date(model.readAt).toISOString())} (${model.jobs.filter((j) => isFinal(j.status)).length} of ${model.jobs.length} jobs ended). Write it again for the rest.</p>` : ''}
${model.skippedLines > 0 ? `<p class="muted">${model.skippedLines} line(s) of events.jsonl were torn or not events and were left out.</p>` : ''}
<dl class="facts">
<div><dt>launcher</dt><dd>${escapeHtml([...new Set(model.launches.map((l) => l.launcher))].join(', ') || 'unknown')}</dd></div>
<div><dt>jobs</dt><dd>${model.jobs.length}</dd></div>
${unreachedFact(model.launches.at(-1)?.unreached ?? null)}
<div><dt>launches</dt><dd>${model.launches.length}${model.launches.length > 1 ? ' (resumed)' : ''}</dd></div>
<div><dt>wall time</dt><dd>${escapeHtml(formatDuration(window.end - window.start))}${model.live ? ' so far' : ''}</dd></div>
${STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => `<div><dt>${s}</dt><dd><span class="badge s-${s}">${counts[s]}</span></dd></div>`).join('\n')}
${best !== undefined && summary.metric !== null ? `<div><dt>best (${summary.metric.goal} ${escapeHtml(summary.metric.name)})</dt><dd><a href="#job-${best.num}">job ${best.num}</a> ${escapeHtml(best.overrides.join(' '))}</dd></div>` : ''}
</dl>
</header>
<main>
<section>
<h2>Timeline</h2>
<p class="muted">One bar per job: a block per attempt (requeues and resumed launches add blocks), coloured by how it ended; a faint line under the lane while it waited. ${layout.laneCount > layout.rows.length ? `${layout.laneCount} lanes are collapsed into ${layout.rows.length} rows.` : `Lanes: ${escapeHtml(laneKind(model.jobs))}.`} Hover a bar for details, click it for its row.</p>
<div class="legend">${legend()}</div>
<div class="scroll">${renderTimeline(model.jobs, layout, window)}</div>
</section>
<section>
<h2>Results by parameter</h2>
${renderResultPlots(model.jobs, summary)}
</section>
<section>
<h2>Jobs</h2>
<div class="filters">
<label>Filter <input id="filter-text" type="search" placeholder="text in any column"></label>
<label>Status <select id="filter-status"><option value="">any</option>${STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => `<option value="${s}">${s}</option>`).join('')}</select></label>
<span id="row-count" class="muted">${model.jobs.length} jobs</span>
</div>
<div class="scroll">${renderJobsTable(model.jobs, summary)}</div>
</section>
</main>
<footer class="muted">Written by spectramind-launch from events.jsonl, the job folders' snapshots and results. Launches: ${model.launches.map((l) => `${escapeHtml(l.launchId)} (${escapeHtml(l.launcher)}, ${l.endedAt === null ? 'running' : l.cancelled ? 'cancelled' : 'ended'})`).join(', ')}.</footer>
<script>${REPORT_PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function runSpan(job: ReportJob): { start: number; end: number } | null {
  const runs = job.segments.filter((s) => s.phase === 'run');
  if (runs.length === 0) return null;
  return { start: Math.min(...runs.map((s) => s.start)), end: Math.max(...runs.map((s) => s.end)) };
}

function timeWindow(model: ReportModel): TimeWindow {
  const times = model.jobs.flatMap((job) => job.segments.flatMap((s) => [s.start, s.end]));
  for (const launch of model.launches) {
    times.push(launch.startedAt);
    if (launch.endedAt !== null) times.push(launch.endedAt);
  }
  if (model.live) times.push(model.readAt);
  if (times.length === 0) return { start: model.readAt, end: model.readAt + 1 };
  let start = Infinity;
  let end = -Infinity;
  for (const t of times) {
    if (t < start) start = t;
    if (t > end) end = t;
  }
  return { start, end: Math.max(end, start + 1) };
}

function countStatuses(jobs: readonly ReportJob[]): Record<ReportJobStatus, number> {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<ReportJobStatus, number>;
  for (const job of jobs) counts[job.status] += 1;
  return counts;
}

function isFinal(status: ReportJobStatus): boolean {
  return status !== 'running' && status !== 'queued';
}

function laneKind(jobs: readonly ReportJob[]): string {
  const places = new Set(jobs.flatMap((job) => (job.place === null ? [] : [job.place.split(' ')[0]])));
  return places.size === 0 ? 'parallel slots, filled as jobs started' : `by ${[...places].join(' and ')}`;
}

function legend(): string {
  const entries: [string, string][] = [...STATUS_ORDER.filter((s) => s !== 'queued').map((s): [string, string] => [s, STATUS_COLORS[s]]), ['requeued', STATUS_COLORS.requeued], ['waiting', STATUS_COLORS.waiting]];
  return entries.map(([label, color]) => `<span><i style="background:${color}"></i>${label}</span>`).join('');
}

/** A lazy sweep stopped early lists only the jobs it reached; the rest are one line, as the log has them. */
function unreachedFact(unreached: UnreachedJobs | null): string {
  if (unreached === null) return '';
  const many = unreached.count === null ? 'the rest' : String(unreached.count);
  return `<div><dt>not reached</dt><dd><span class="badge s-${unreached.outcome.status}">${many}</span> from job ${unreached.fromNum} on (${unreached.outcome.status})</dd></div>`;
}
