import type { ReportJob, ResultValue } from './report-model.js';

/** Which result makes a job the best one, and in which direction. */
export interface ReportMetric {
  /** A result field (`loss`, `metrics.val_acc`). */
  readonly name: string;
  readonly goal: 'min' | 'max';
}

/** The columns and highlights a report derives from its jobs. */
export interface SweepSummary {
  /** Override keys whose value differs between jobs (all keys for a single job), in first-seen order. */
  readonly sweptKeys: readonly string[];
  /** Result fields shown as columns, in first-seen order (fields that only repeat a swept value are left out). */
  readonly resultKeys: readonly string[];
  /** Result fields holding numbers that differ between jobs, the metric first: one plot per such field and swept key. */
  readonly numericResultKeys: readonly string[];
  /** The metric the best job was chosen by; null when no job reported a number. */
  readonly metric: ReportMetric | null;
  /** The best completed job by `metric`. */
  readonly bestNum: number | null;
}

const LOWER_IS_BETTER = /loss|err|rmse|mse|mae|perplexity|time|latency|regret|cost/i;
const HIGHER_IS_BETTER = /acc|score|auc|f1|precision|recall|reward|return|iou|map|bleu|r2/i;

/** A job's overrides as `key -> value as typed` (`+a.b=1` gives `a.b -> 1`). */
export function paramsOf(overrides: readonly string[]): Map<string, string> {
  const params = new Map<string, string>();
  for (const text of overrides) {
    const at = text.indexOf('=');
    if (at <= 0) continue;
    params.set(text.slice(0, at).replace(/^(\+\+|\+|~)/, ''), text.slice(at + 1));
  }
  return params;
}

/**
 * Works out the table's columns, the plots, and the best job. The metric is the caller's, or
 * the first numeric field whose name says which way is better (`loss`: min, `acc`: max), or
 * else the first numeric field, minimised. Pure.
 */
export function summariseSweep(jobs: readonly ReportJob[], metric: ReportMetric | null = null): SweepSummary {
  const params = new Map(jobs.map((job) => [job.num, paramsOf(job.overrides)]));
  const sweptKeys = sweptKeysOf([...params.values()]);
  const allResultKeys = firstSeen(jobs.map((job) => Object.keys(job.results)));
  const resultKeys = allResultKeys.filter((key) => !mirrorsParam(key, jobs, params, sweptKeys));
  const numericKeys = resultKeys.filter((key) => jobs.some((job) => isNumber(job.results[key])));
  const chosen = metric ?? guessMetric(numericKeys);
  // A field every job reports the same value for (the epoch count) would plot a flat line.
  const varying = numericKeys.filter((key) => new Set(jobs.map((job) => job.results[key]).filter(isNumber)).size > 1 || key === chosen?.name);
  const numericResultKeys = chosen === null || !varying.includes(chosen.name) ? varying : [chosen.name, ...varying.filter((key) => key !== chosen.name)];
  return { sweptKeys, resultKeys, numericResultKeys, metric: chosen, bestNum: chosen === null ? null : bestJob(jobs, chosen) };
}

function sweptKeysOf(all: readonly Map<string, string>[]): string[] {
  const keys = firstSeen(all.map((params) => [...params.keys()]));
  if (all.length <= 1) return keys;
  const varying = keys.filter((key) => new Set(all.map((params) => params.get(key))).size > 1);
  return varying.length > 0 ? varying : keys;
}

function firstSeen(lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const key of list) seen.add(key);
  return [...seen];
}

/** `lr` in metrics.json that always equals the swept `model.lr` adds nothing as a column. */
function mirrorsParam(key: string, jobs: readonly ReportJob[], params: ReadonlyMap<number, Map<string, string>>, sweptKeys: readonly string[]): boolean {
  const leaf = key.split('.').at(-1);
  return sweptKeys.some((swept) => {
    if (swept.split('.').at(-1) !== leaf) return false;
    const pairs = jobs.flatMap((job) => {
      const value = job.results[key];
      const typed = params.get(job.num)?.get(swept);
      return value === undefined || typed === undefined ? [] : [[value, typed] as const];
    });
    return pairs.length > 0 && pairs.every(([value, typed]) => String(value) === typed || (isNumber(value) && Number(typed) === value));
  });
}

function guessMetric(numericKeys: readonly string[]): ReportMetric | null {
  const lower = numericKeys.find((key) => LOWER_IS_BETTER.test(key.split('.').at(-1) ?? key));
  if (lower !== undefined) return { name: lower, goal: 'min' };
  const higher = numericKeys.find((key) => HIGHER_IS_BETTER.test(key.split('.').at(-1) ?? key));
  if (higher !== undefined) return { name: higher, goal: 'max' };
  const first = numericKeys[0];
  return first === undefined ? null : { name: first, goal: 'min' };
}

function bestJob(jobs: readonly ReportJob[], metric: ReportMetric): number | null {
  let best: { num: number; value: number } | null = null;
  for (const job of jobs) {
    const value = job.results[metric.name];
    if (job.status !== 'completed' || !isNumber(value)) continue;
    if (best === null || (metric.goal === 'min' ? value < best.value : value > best.value)) best = { num: job.num, value };
  }
  return best?.num ?? null;
}

export function isNumber(value: ResultValue | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
