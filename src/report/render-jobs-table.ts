import { escapeHtml, formatDuration, formatValue } from './html-text.js';
import type { ReportJob, ReportJobStatus } from './report-model.js';
import { paramsOf, type SweepSummary } from './summarise-sweep.js';

// Failed jobs first (what someone opening a report after a bad sweep looks for), then by number.
const FIRST: ReadonlySet<ReportJobStatus> = new Set(['failed', 'timed-out']);

/** Jobs in the table's initial order: failed and timed-out first, then by job number. */
export function tableOrder(jobs: readonly ReportJob[]): ReportJob[] {
  return [...jobs].sort((a, b) => Number(FIRST.has(b.status)) - Number(FIRST.has(a.status)) || a.num - b.num);
}

/**
 * Renders the jobs table: number, one column per swept key, status, duration, attempts, one
 * column per result field, and the reason with the stderr tail. Each cell carries a
 * `data-sort` key so the page's script sorts numbers as numbers. Pure.
 */
export function renderJobsTable(jobs: readonly ReportJob[], summary: SweepSummary): string {
  const headers = ['#', ...summary.sweptKeys, 'status', 'duration', 'attempts', ...summary.resultKeys, 'reason / stderr'];
  const head = headers.map((label, index) => `<th scope="col" data-col="${index}"><button type="button">${escapeHtml(label)}</button></th>`).join('');
  const body = tableOrder(jobs).map((job) => renderRow(job, summary)).join('\n');
  return `<table id="jobs"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function renderRow(job: ReportJob, summary: SweepSummary): string {
  const params = paramsOf(job.overrides);
  const cells: string[] = [cell(String(job.num), job.num)];
  for (const key of summary.sweptKeys) {
    const typed = params.get(key);
    cells.push(typed === undefined ? cell('', '') : cell(typed, sortKey(typed)));
  }
  cells.push(`<td data-sort="${escapeHtml(job.status)}"><span class="badge s-${job.status}">${escapeHtml(job.status)}</span></td>`);
  cells.push(job.durationMs === null ? cell('', '') : cell(formatDuration(job.durationMs), job.durationMs));
  cells.push(cell(String(job.attempts), job.attempts));
  for (const key of summary.resultKeys) {
    const value = job.results[key];
    cells.push(value === undefined ? cell('', '') : cell(formatValue(value), typeof value === 'number' ? value : String(value)));
  }
  cells.push(`<td class="reason">${reasonCell(job)}</td>`);
  const best = job.num === summary.bestNum ? ' best' : '';
  return `<tr id="job-${job.num}" class="s-${job.status}${best}" data-num="${job.num}" data-status="${job.status}">${cells.join('')}</tr>`;
}

function cell(text: string, sort: string | number): string {
  return `<td data-sort="${escapeHtml(String(sort))}">${escapeHtml(text)}</td>`;
}

/** A typed override value sorts as a number when it reads as one (`1e-4`), else as text. */
function sortKey(typed: string): string | number {
  const value = Number(typed);
  return typed.trim() !== '' && Number.isFinite(value) ? value : typed;
}

function reasonCell(job: ReportJob): string {
  const message = job.message === null ? '' : escapeHtml(job.message);
  if (job.stderrTail === null || job.stderrTail.trim() === '') return message;
  return `${message}<details><summary>stderr (last lines)</summary><pre>${escapeHtml(job.stderrTail)}</pre></details>`;
}
