import { escapeHtml, formatValue, px } from './html-text.js';
import type { ReportJob } from './report-model.js';
import { isNumber, paramsOf, type SweepSummary } from './summarise-sweep.js';

const W = 260;
const H = 170;
const PAD = { left: 58, right: 10, top: 10, bottom: 34 };
/** Enough plots to cover a sweep of a few keys and results without burying the table. */
const MAX_PLOTS = 24;

interface Point {
  readonly num: number;
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

/**
 * One small scatter plot per numeric result and swept key: the result against the key's value
 * (a log axis when positive values span more than two decades, categories when the values are
 * not numbers), the best job drawn larger and ringed. Pure.
 */
export function renderResultPlots(jobs: readonly ReportJob[], summary: SweepSummary): string {
  const plots: string[] = [];
  for (const result of summary.numericResultKeys) {
    for (const key of summary.sweptKeys) {
      if (plots.length >= MAX_PLOTS) break;
      const plot = renderPlot(jobs, result, key, summary.bestNum);
      if (plot !== null) plots.push(plot);
    }
  }
  return plots.length === 0 ? '<p class="muted">No job reported a numeric result yet (a module job\'s return value, or a metrics.json in its folder).</p>' : `<div class="plots">${plots.join('')}</div>`;
}

function renderPlot(jobs: readonly ReportJob[], result: string, key: string, bestNum: number | null): string | null {
  const raw = jobs.flatMap((job) => {
    const y = job.results[result];
    const typed = paramsOf(job.overrides).get(key);
    return isNumber(y) && typed !== undefined ? [{ num: job.num, typed, y }] : [];
  });
  if (raw.length === 0) return null;
  const numeric = raw.every((p) => p.typed.trim() !== '' && Number.isFinite(Number(p.typed)));
  const categories = numeric ? [] : [...new Set(raw.map((p) => p.typed))];
  const xs = raw.map((p) => (numeric ? Number(p.typed) : categories.indexOf(p.typed)));
  const logX = numeric && xs.every((v) => v > 0) && Math.max(...xs) / Math.min(...xs) > 100;
  const points: Point[] = raw.map((p, i) => ({ num: p.num, x: logX ? Math.log10(xs[i] as number) : (xs[i] as number), y: p.y, label: p.typed }));
  const sx = scale(points.map((p) => p.x), PAD.left, W - PAD.right);
  const sy = scale(points.map((p) => p.y), H - PAD.bottom, PAD.top);
  const dots = points
    .sort((a, b) => Number(a.num === bestNum) - Number(b.num === bestNum))
    .map((p) => {
      const best = p.num === bestNum;
      const title = `job ${p.num}: ${key}=${p.label} → ${result}=${formatValue(p.y)}${best ? ' (best)' : ''}`;
      return `<a href="#job-${p.num}"><circle class="${best ? 'dot best' : 'dot'}" cx="${px(sx(p.x))}" cy="${px(sy(p.y))}" r="${best ? 6 : 3.5}"><title>${escapeHtml(title)}</title></circle></a>`;
    })
    .join('');
  const [xMin, xMax] = extent(points.map((p) => p.x));
  const [yMin, yMax] = extent(points.map((p) => p.y));
  const xLabel = (v: number): string => (numeric ? formatValue(logX ? 10 ** v : v) : (categories[Math.round(v)] ?? ''));
  const axes = [
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#adb5bd"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#adb5bd"/>`,
    `<text class="tick" x="${PAD.left}" y="${H - PAD.bottom + 12}" text-anchor="start">${escapeHtml(xLabel(xMin))}</text>`,
    `<text class="tick" x="${W - PAD.right}" y="${H - PAD.bottom + 12}" text-anchor="end">${escapeHtml(xLabel(xMax))}</text>`,
    `<text class="tick" x="${PAD.left - 4}" y="${H - PAD.bottom}" text-anchor="end">${escapeHtml(formatValue(yMin))}</text>`,
    `<text class="tick" x="${PAD.left - 4}" y="${PAD.top + 8}" text-anchor="end">${escapeHtml(formatValue(yMax))}</text>`,
    `<text class="axis-label" x="${(W + PAD.left) / 2}" y="${H - 6}" text-anchor="middle">${escapeHtml(key)}${logX ? ' (log)' : ''}</text>`,
  ].join('');
  return `<figure class="plot" data-result="${escapeHtml(result)}" data-key="${escapeHtml(key)}"><figcaption>${escapeHtml(result)} by ${escapeHtml(key)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${axes}${dots}</svg></figure>`;
}

function extent(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/** Maps the values' range onto [from, to], with a margin; a single value lands in the middle. */
function scale(values: readonly number[], from: number, to: number): (v: number) => number {
  const [min, max] = extent(values);
  if (max === min) return () => (from + to) / 2;
  const margin = 0.06 * (to - from);
  return (v) => from + margin + ((v - min) / (max - min)) * (to - from - 2 * margin);
}
