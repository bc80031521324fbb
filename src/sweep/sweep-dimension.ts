import { formatHydraValue } from '../overrides/hydra-format.js';
import { keyElementOf } from '../overrides/key-element-of.js';
import { formatPythonFloat } from '../overrides/python-float.js';
import type { NumberElement, Override, RangeSweep } from '../overrides/types.js';
import { floatRangeValues } from './float-range.js';
import { filterGlob } from './glob-match.js';
import { SweepError } from './sweep-error.js';
import { shuffled } from '../overrides/shuffled.js';

/** One axis of the grid: the strings one override contributes to jobs, by index. */
export interface SweepDimension {
  /** The key as Hydra writes it (`+db@pkg`), which also identifies duplicates. */
  readonly keyElement: string;
  readonly size: number;
  /** The job override string for choice `index` (0 <= index < size). */
  at(index: number): string;
}

/** What building a dimension may need from outside. */
export interface DimensionContext {
  readonly listGroupOptions: ((group: string) => readonly string[]) | undefined;
  readonly random: () => number;
}

/** Float ranges are materialised (Python accumulates the step); refuse absurd sizes. */
const MAX_MATERIALISED = 50_000_000;
/** Ranges up to this size keep their rendered strings, so iterating jobs allocates nothing per value. */
const PRERENDER_LIMIT = 100_000;

function fromArray(keyElement: string, values: readonly string[]): SweepDimension {
  return { keyElement, size: values.length, at: (i) => values[i] as string };
}


function asFloat(n: NumberElement): number {
  return n.kind === 'float' ? n.value : Number(n.value);
}

function rangeDimension(override: Override, keyElement: string, range: RangeSweep, ctx: DimensionContext): SweepDimension {
  const { start, stop, step } = range;
  const prefix = `${keyElement}=`;
  if (start.kind === 'int' && stop.kind === 'int' && step.kind === 'int') {
    if (step.value === 0n) throw new SweepError(override.input, 'range() arg 3 must not be zero; use a non-zero step');
    const span = stop.value - start.value;
    const raw = step.value > 0n ? (span + step.value - 1n) / step.value : (span + step.value + 1n) / step.value;
    const size = raw > 0n ? Number(raw) : 0;
    const valueAt = (i: number): string => `${prefix}${start.value + BigInt(i) * step.value}`;
    if (range.shuffle) {
      if (size > MAX_MATERIALISED) throw new SweepError(override.input, `a shuffled range of ${size} values is too large to shuffle`);
      const order = shuffled(Array.from({ length: size }, (_, i) => i), ctx.random);
      return { keyElement, size, at: (i) => valueAt(order[i] as number) };
    }
    if (size <= PRERENDER_LIMIT) return fromArray(keyElement, Array.from({ length: size }, (_, i) => valueAt(i)));
    return { keyElement, size, at: valueAt };
  }
  for (const bound of [start, stop, step]) {
    if (bound.kind === 'float' && !Number.isFinite(bound.value)) {
      throw new SweepError(override.input, 'range() bounds must be finite numbers; got inf or nan');
    }
  }
  // Refuse a runaway range before spending time on it (the estimate is exact to within one value).
  const estimate = (asFloat(stop) - asFloat(start)) / asFloat(step);
  if (asFloat(step) !== 0 && estimate > MAX_MATERIALISED + 1) {
    throw new SweepError(override.input, `the float range has about ${Math.round(estimate)} values, more than ${MAX_MATERIALISED}; use a larger step`);
  }
  const values = floatRangeValues(start, stop, step, MAX_MATERIALISED);
  if (values === null) {
    throw new SweepError(override.input, `invalid range values (start:${formatPythonFloat(asFloat(start))}, stop:${formatPythonFloat(asFloat(stop))}, step:0); use a non-zero step`);
  }
  if (values === 'too-many') throw new SweepError(override.input, `the float range has more than ${MAX_MATERIALISED} values; use a larger step`);
  const ordered = range.shuffle ? shuffled(values, ctx.random) : values;
  return fromArray(keyElement, ordered.map((x) => `${prefix}${formatPythonFloat(x)}`));
}

/** The strings one parsed override contributes to each job, as Hydra's BasicSweeper writes them. */
export function sweepDimension(override: Override, ctx: DimensionContext): SweepDimension {
  const keyElement = keyElementOf(override);
  const value = override.value;
  const prefix = `${keyElement}=`;
  try {
    if (value === null) return fromArray(keyElement, [`${prefix}null`]);
    switch (value.kind) {
      case 'choice': {
        const rendered = value.items.map((item) => `${prefix}${formatHydraValue(item)}`);
        return fromArray(keyElement, value.shuffle ? shuffled(rendered, ctx.random) : rendered);
      }
      case 'range':
        return rangeDimension(override, keyElement, value, ctx);
      case 'interval':
        throw new SweepError(override.input, 'the basic sweeper can only enumerate choice, range and glob sweeps, not interval(); use range() or choice(), or an optimising sweeper');
      case 'glob': {
        if (ctx.listGroupOptions === undefined) {
          throw new SweepError(override.input, 'glob() needs the options of the config group; pass listGroupOptions to expandSweep');
        }
        const names = [...ctx.listGroupOptions(override.key)].sort();
        return fromArray(keyElement, filterGlob(names, value.include, value.exclude).map((name) => `${prefix}${name}`));
      }
      default:
        return fromArray(keyElement, [`${prefix}${formatHydraValue(value)}`]);
    }
  } catch (error) {
    if (error instanceof SweepError) throw error;
    throw new SweepError(override.input, error instanceof Error ? error.message : String(error), { cause: error });
  }
}
