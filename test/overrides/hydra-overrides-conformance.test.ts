import { describe, expect, it } from 'vitest';
import { OverrideParseError, formatHydraValue, keyElementOf, parseOverride } from '../../src/overrides/index.js';
import type { Override } from '../../src/overrides/index.js';
import { SweepError, expandSweep } from '../../src/sweep/index.js';
import { listGroupOptions, readFixture } from './fixture-files.js';
import { normaliseTags, toTagged } from './fixture-tags.js';

interface OverrideCase {
  id: number;
  group: string;
  input: string;
  ok: boolean;
  key?: string;
  package?: string | null;
  type?: 'CHANGE' | 'ADD' | 'FORCE_ADD' | 'DEL';
  key_element?: string;
  value_type?: string | null;
  has_value?: boolean;
  is_sweep?: boolean;
  value?: unknown;
  value_str?: string;
  value_str_spaced?: string;
  sweep_values?: string[];
  sweep_error?: string;
  job_overrides?: string[];
  basic_sweeper_error?: string;
  random?: boolean;
  hydra_bug?: boolean;
  optional?: boolean;
}

const KIND = { CHANGE: 'change', ADD: 'add', FORCE_ADD: 'force-add', DEL: 'delete' } as const;
const cases = readFixture<OverrideCase[]>('hydra-overrides.json');
const name = (c: OverrideCase): string => `case ${c.id} (${c.group}) ${JSON.stringify(c.input)}`;

function valueType(o: Override): string | null {
  const v = o.value;
  if (v === null) return null;
  switch (v.kind) {
    case 'choice': return v.simpleForm ? 'SIMPLE_CHOICE_SWEEP' : 'CHOICE_SWEEP';
    case 'range': return 'RANGE_SWEEP';
    case 'interval': return 'INTERVAL_SWEEP';
    case 'glob': return 'GLOB_CHOICE_SWEEP';
    default: return 'ELEMENT';
  }
}

/** For `shuffle` cases compare as multisets: of jobs, and of the items of a shuffled list. */
function multiset(strings: readonly string[]): string[] {
  return strings.map((s) => (/=\[.*\]$/.test(s) ? s.replace(/\[(.*)\]$/, (_, body: string) => `[${body.split(',').sort().join(',')}]`) : s)).sort();
}

describe('overrides accepted by Hydra 1.3 parse to the same key, kind and typed value', () => {
  it.each(cases.filter((c) => c.ok).map((c) => [name(c), c] as const))('%s', (_label, c) => {
    let parsed: Override;
    try {
      parsed = parseOverride(c.input);
    } catch (error) {
      if (c.optional) return; // a quirk where rejecting is also accepted
      throw error;
    }
    expect(parsed.key).toBe(c.key);
    expect(parsed.package).toBe(c.package);
    expect(parsed.kind).toBe(KIND[c.type as keyof typeof KIND]);
    expect(keyElementOf(parsed)).toBe(c.key_element);
    expect(valueType(parsed)).toBe(c.value_type);
    expect(parsed.value !== null).toBe(c.has_value);
    if (!c.random) expect(parsed.value === null ? null : toTagged(parsed.value)).toEqual(normaliseTags(c.value));
    if (c.value_str !== undefined && !c.random && parsed.value !== null) {
      expect(formatHydraValue(parsed.value)).toBe(c.value_str);
      expect(formatHydraValue(parsed.value, true)).toBe(c.value_str_spaced);
    }
  });
});

describe('each accepted override expands into the jobs the BasicSweeper gave it', () => {
  it.each(cases.filter((c) => c.ok).map((c) => [name(c), c] as const))('%s', (_label, c) => {
    const parsed = parseOverride(c.input);
    const expand = (): string[][] => [...expandSweep([parsed], { listGroupOptions }).jobs()];
    if (c.basic_sweeper_error !== undefined) {
      expect(expand).toThrow(SweepError);
      return;
    }
    const jobs = expand().map((job) => {
      expect(job).toHaveLength(1);
      return job[0] as string;
    });
    const expected = c.job_overrides as string[];
    if (c.random) expect(multiset(jobs)).toEqual(multiset(expected));
    else expect(jobs).toEqual(expected);
    if (c.sweep_values !== undefined) {
      const prefix = `${keyElementOf(parsed)}=`;
      const values = jobs.map((j) => j.slice(prefix.length));
      if (c.random) expect([...values].sort()).toEqual([...c.sweep_values].sort());
      else expect(values).toEqual(c.sweep_values);
    }
  });
});

describe('overrides Hydra 1.3 rejects raise OverrideParseError pointing into the input', () => {
  it.each(cases.filter((c) => !c.ok).map((c) => [name(c), c] as const))('%s', (_label, c) => {
    let caught: unknown;
    try {
      parseOverride(c.input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OverrideParseError);
    const error = caught as OverrideParseError;
    expect(error.code).toBe('ERR_OVERRIDE_PARSE');
    expect(error.input).toBe(c.input);
    expect(error.column).toBeGreaterThanOrEqual(0);
    expect(error.column).toBeLessThanOrEqual(c.input.length);
    expect(error.message).toContain(c.input);
    expect(error.message).toContain('^');
  });
});
