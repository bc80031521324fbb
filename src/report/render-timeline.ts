import type { LaneLayout } from './assign-lanes.js';
import { escapeHtml, formatDuration, px } from './html-text.js';
import type { ReportJob, TimelineSegment } from './report-model.js';
import { segmentColor, STATUS_COLORS } from './status-colors.js';

/** The time window a timeline spans (ms since the epoch). */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

const WIDTH = 1100;
const LABEL = 120;
const AXIS = 24;

/**
 * Renders the timeline as one SVG: a row per lane, one `<a class="bar">` per job holding its
 * segments (a thin line while waiting, a block per attempt, coloured by how it ended) and a
 * `<title>` with its overrides, status, exit code, duration and log. Pure.
 */
export function renderTimeline(jobs: readonly ReportJob[], layout: LaneLayout, window: TimeWindow): string {
  const rows = Math.max(1, layout.rows.length);
  const rowHeight = rows <= 12 ? 22 : rows <= 30 ? 14 : 9;
  const height = AXIS + rows * rowHeight + 6;
  const span = Math.max(1, window.end - window.start);
  const x = (t: number): number => LABEL + ((Math.max(t, window.start) - window.start) / span) * (WIDTH - LABEL - 10);
  const parts: string[] = [];
  parts.push(`<svg id="timeline" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Timeline of ${jobs.length} jobs">`);
  parts.push(axis(window, x, height));
  layout.rows.forEach((label, row) => {
    const y = AXIS + row * rowHeight;
    if (row % 2 === 0) parts.push(`<rect x="0" y="${y}" width="${WIDTH}" height="${rowHeight}" fill="#f8f9fa"/>`);
    if (rowHeight >= 12 || row % Math.ceil(12 / rowHeight) === 0) {
      parts.push(`<text class="lane" x="4" y="${px(y + rowHeight * 0.7)}">${escapeHtml(label)}</text>`);
    }
  });
  // Waits first, as a faint layer under every bar: in a slot lane a job waits while others run.
  parts.push('<g class="waits">');
  for (const job of jobs) {
    const top = AXIS + (layout.rowOf.get(job.num) ?? 0) * rowHeight;
    for (const segment of job.segments) if (segment.phase === 'wait') parts.push(renderWait(segment, top, rowHeight, x));
  }
  parts.push('</g>');
  for (const job of jobs) {
    const row = layout.rowOf.get(job.num) ?? 0;
    parts.push(renderBar(job, AXIS + row * rowHeight, rowHeight, x, layout.rows[row] ?? ''));
  }
  parts.push('</svg>');
  return parts.join('');
}

function renderBar(job: ReportJob, top: number, rowHeight: number, x: (t: number) => number, lane: string): string {
  const shapes = job.segments.filter((segment) => segment.phase === 'run').map((segment) => renderRun(segment, top, rowHeight, x));
  if (shapes.length === 0) {
    // Never ran (skipped, cancelled while queued, still queued): a tick keeps one bar per job.
    shapes.push(`<rect x="${px(x(job.segments[0]?.start ?? Number.NEGATIVE_INFINITY))}" y="${px(top + 2)}" width="2" height="${px(rowHeight - 4)}" fill="${STATUS_COLORS[job.status]}"/>`);
  }
  return `<a class="bar" href="#job-${job.num}" data-num="${job.num}" data-status="${job.status}"><title>${escapeHtml(barTitle(job, lane))}</title>${shapes.join('')}</a>`;
}

function renderWait(segment: TimelineSegment, top: number, rowHeight: number, x: (t: number) => number): string {
  const left = x(segment.start);
  return `<rect x="${px(left)}" y="${px(top + rowHeight - 2.5)}" width="${px(Math.max(1, x(segment.end) - left))}" height="1.5" fill="${STATUS_COLORS.waiting}"/>`;
}

function renderRun(segment: TimelineSegment, top: number, rowHeight: number, x: (t: number) => number): string {
  const left = x(segment.start);
  const width = Math.max(1.5, x(segment.end) - left);
  const open = segment.ended.kind === 'open' ? ' class="open"' : '';
  return `<rect${open} x="${px(left)}" y="${px(top + 2)}" width="${px(width)}" height="${px(rowHeight - 4)}" fill="${segmentColor(segment.ended)}"/>`;
}

/** The bar's tooltip: what someone hovering a bar wants to know, one fact a line. */
export function barTitle(job: ReportJob, lane: string): string {
  const lines = [`job ${job.num}${job.overrides.length > 0 ? `: ${job.overrides.join(' ')}` : ''}`];
  lines.push(`status: ${job.status}${job.exitCode === null ? '' : ` (exit code ${job.exitCode})`}`);
  if (job.durationMs !== null) lines.push(`duration: ${formatDuration(job.durationMs)}`);
  const waited = job.segments.filter((s) => s.phase === 'wait').reduce((sum, s) => sum + (s.end - s.start), 0);
  if (waited > 0) lines.push(`waited: ${formatDuration(waited)}`);
  const runs = job.segments.filter((s) => s.phase === 'run');
  if (runs.length > 1) lines.push(`attempts: ${runs.map((s) => `${formatDuration(s.end - s.start)} ${s.ended.kind === 'ended' ? s.ended.status : s.ended.kind}`).join(', ')}`);
  if (job.message !== null) lines.push(`reason: ${job.message}`);
  lines.push(`lane: ${lane}${job.schedulerId === null ? '' : ` · scheduler id ${job.schedulerId}`}`);
  if (job.logPath !== null) lines.push(`log: ${job.logPath}`);
  return lines.join('\n');
}

function axis(window: TimeWindow, x: (t: number) => number, height: number): string {
  const span = window.end - window.start;
  const step = niceStep(span / 6);
  const ticks: string[] = [];
  for (let t = 0; t <= span; t += step) {
    const at = px(x(window.start + t));
    ticks.push(`<line x1="${at}" y1="${AXIS - 4}" x2="${at}" y2="${height}" stroke="#dee2e6"/><text class="tick" x="${at}" y="${AXIS - 8}">+${escapeHtml(formatDuration(t))}</text>`);
  }
  return ticks.join('');
}

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

function niceStep(raw: number): number {
  return STEPS.find((step) => step >= raw) ?? Math.ceil(raw / 86_400_000) * 86_400_000;
}
