import { parseOverride } from '../overrides/parse-override.js';
import { formatPythonFloat } from '../overrides/python-float.js';
import type { Override, ParseOptions } from '../overrides/types.js';
import { SweepError } from './sweep-error.js';
import { sweepDimension } from './sweep-dimension.js';
import type { SweepDimension } from './sweep-dimension.js';

/** A value of `hydra.sweeper.params` as composition hands it over. */
export type SweeperParamValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | readonly SweeperParamValue[]
  | { readonly [key: string]: SweeperParamValue }
  | { toString(): string };

/** Options of {@link expandSweep}. */
export interface ExpandSweepOptions {
  /**
   * Jobs per batch (Hydra's `hydra.sweeper.max_batch_size`). Null, undefined or -1: one batch with every job.
   * @default null
   */
  readonly maxBatchSize?: number | null;
  /**
   * `hydra.sweeper.params` from the primary config: each `key: value` becomes `key=value` and comes
   * before the command-line overrides, as in Hydra. Also accepts ready `key=value` strings.
   * @default {}
   */
  readonly params?: Readonly<Record<string, SweeperParamValue>> | readonly string[];
  /**
   * Lists the options of a config group (e.g. `db` -> `['mysql', 'postgresql']`) for `glob()` sweeps.
   * Keeps this module free of file access; the caller reads its config search path.
   * @default undefined (a glob sweep then raises SweepError)
   */
  readonly listGroupOptions?: (group: string) => readonly string[];
  /**
   * Random source in [0, 1) for `shuffle()` sweeps and shuffled lists; use `seededRandom(seed)` to reproduce.
   * @default Math.random
   */
  readonly random?: () => number;
}

/** The lazily expanded grid: count first, then jobs or batches on demand. */
export interface SweepExpansion extends Iterable<string[][]> {
  /** Number of jobs (product of the sweep sizes), known without expanding. */
  readonly jobCount: number;
  /** Jobs per batch after resolving `maxBatchSize` (0 when there are no jobs and no limit). */
  readonly batchSize: number;
  /** Number of batches `batches()` yields. */
  readonly batchCount: number;
  /** Each distinct key element with how many values it contributes, in job order. */
  readonly dimensions: readonly { readonly keyElement: string; readonly size: number }[];
  /** The override strings of job `index` (0-based), computed directly. */
  jobAt(index: number): string[];
  /** Every job in Hydra's order, one at a time. */
  jobs(): IterableIterator<string[]>;
  /** Jobs sliced into batches of `batchSize` (Hydra's `split_arguments`). */
  batches(): IterableIterator<string[][]>;
}

/** Python's `repr()` of a param value nested in a list or dict. */
function paramRepr(value: SweeperParamValue): string {
  if (typeof value === 'string') return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value.replaceAll("'", "\\'")}'`;
  return paramText(value);
}

/** Python's `f"{value}"`, which is how Hydra turns `hydra.sweeper.params` into overrides. */
function paramText(value: SweeperParamValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatPythonFloat(value);
  if (Array.isArray(value)) return `[${value.map(paramRepr).join(', ')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return `{${Object.entries(value as Record<string, SweeperParamValue>).map(([k, v]) => `${paramRepr(k)}: ${paramRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

function paramOverrides(params: ExpandSweepOptions['params']): string[] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return [...(params as readonly string[])];
  return Object.entries(params as Readonly<Record<string, SweeperParamValue>>).map(([k, v]) => `${k}=${paramText(v)}`);
}

function resolveBatchSize(maxBatchSize: number | null | undefined, jobCount: number): number {
  if (maxBatchSize === null || maxBatchSize === undefined || maxBatchSize === -1) return jobCount;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize <= 0) {
    throw new SweepError(
      `max_batch_size=${String(maxBatchSize)}`,
      'maxBatchSize must be a positive integer, or null / -1 for a single batch',
    );
  }
  return maxBatchSize;
}

/**
 * Hydra's BasicSweeper: the cartesian product of every sweep override (first
 * override = outer loop), non-sweep overrides repeated in each job at their
 * position, duplicates keeping their first position and their last value.
 * Lazy: the grid is never materialised; `jobCount` needs no expansion.
 */
export function expandSweep(overrides: readonly (Override | string)[], options: ExpandSweepOptions = {}): SweepExpansion {
  const parseOptions: ParseOptions = options.random === undefined ? {} : { random: options.random };
  const all = [...paramOverrides(options.params), ...overrides].map((o) => (typeof o === 'string' ? parseOverride(o, parseOptions) : o));
  const ctx = { listGroupOptions: options.listGroupOptions, random: options.random ?? Math.random };
  const byKey = new Map<string, SweepDimension>();
  for (const override of all) {
    const dim = sweepDimension(override, ctx);
    byKey.set(dim.keyElement, dim);
  }
  const dims = [...byKey.values()];
  const sizes = dims.map((d) => d.size);
  const jobCount = sizes.reduce((a, b) => a * b, 1);
  const single = options.maxBatchSize === null || options.maxBatchSize === undefined || options.maxBatchSize === -1;
  const batchSize = resolveBatchSize(options.maxBatchSize, jobCount);
  const batchCount = single ? 1 : Math.ceil(jobCount / batchSize);

  const jobAt = (index: number): string[] => {
    if (!Number.isInteger(index) || index < 0 || index >= jobCount) {
      throw new RangeError(`job index ${index} is out of range; expected an integer in [0, ${jobCount})`);
    }
    const job = new Array<string>(dims.length);
    let rest = index;
    for (let d = dims.length - 1; d >= 0; d--) {
      const size = sizes[d] as number;
      job[d] = (dims[d] as SweepDimension).at(rest % size);
      rest = Math.floor(rest / size);
    }
    return job;
  };

  function* jobs(): IterableIterator<string[]> {
    if (jobCount === 0) return;
    const n = dims.length;
    const idx = new Array<number>(n).fill(0);
    const current = dims.map((d) => d.at(0));
    for (let produced = 0; produced < jobCount; produced++) {
      yield current.slice();
      for (let d = n - 1; d >= 0; d--) {
        const dim = dims[d] as SweepDimension;
        const i = (idx[d] as number) + 1;
        if (i < dim.size) {
          idx[d] = i;
          current[d] = dim.at(i);
          break;
        }
        idx[d] = 0;
        current[d] = dim.at(0);
      }
    }
  }

  function* batches(): IterableIterator<string[][]> {
    if (single) {
      yield [...jobs()];
      return;
    }
    let batch: string[][] = [];
    for (const job of jobs()) {
      batch.push(job);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  return {
    jobCount,
    batchSize,
    batchCount,
    dimensions: dims.map((d) => ({ keyElement: d.keyElement, size: d.size })),
    jobAt,
    jobs,
    batches,
    [Symbol.iterator]: batches,
  };
}

/** Number of jobs a multirun over these overrides starts, without expanding the grid. */
export function countSweepJobs(overrides: readonly (Override | string)[], options: ExpandSweepOptions = {}): number {
  return expandSweep(overrides, options).jobCount;
}
