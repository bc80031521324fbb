import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compose, resolveComposed } from '../../src/config/compose.js';
import { createDirectoryConfigSource } from '../../src/config/directory-config-source.js';
import { parseConfigYaml } from '../../src/config/parse-config-yaml.js';
import { toPlainData } from '../../src/config/config-tree.js';
import { LaunchError } from '../../src/errors.js';
import { IntegralFloat, OverrideParseError } from '../../src/overrides/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures', 'conformance');
const configDir = join(fixtures, 'compose-configs');
// The cases were recorded with these two variables; the tests pass them explicitly instead of touching process.env.
const env = { CONF_TEST_USER: 'alice' };

interface ComposeCase {
  id: number;
  config_name: string;
  overrides: string[];
  note?: string;
  ok: boolean;
  choices?: Record<string, string | null>;
  config?: unknown;
  yaml?: string;
  resolved?: unknown;
  resolve_error?: string;
  error_type?: string;
  error?: string;
}

interface SweepCase {
  id: number;
  args: string[];
  config_name: string;
  sweeper_params: Record<string, unknown> | null;
  multirun: { jobs: string[][]; override_dirnames: string[]; configs?: unknown[] };
}

const composeCases = JSON.parse(readFileSync(join(fixtures, 'hydra-compose.json'), 'utf8')) as ComposeCase[];
const sweepCases = (JSON.parse(readFileSync(join(fixtures, 'hydra-sweeps.json'), 'utf8')) as SweepCase[]).filter((c) => c.multirun.configs !== undefined);

/** The fixtures' JSON form: Python's json dump read back (non-finite floats as "inf"/"-inf"/"nan", big ints as doubles). */
function asFixtureJson(value: unknown): unknown {
  if (value instanceof IntegralFloat) return value.value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  if (Array.isArray(value)) return value.map(asFixtureJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asFixtureJson(v)]));
  return value;
}

const toFixtureText = (value: unknown): string => JSON.stringify(asFixtureJson(value));

const userChoices = (choices: Readonly<Record<string, string | null>>): Record<string, string | null> =>
  Object.fromEntries(Object.entries(choices).filter(([key]) => !key.startsWith('hydra/')));

const name = (c: { id: number; config_name: string; note?: string }, args: readonly string[]): string =>
  `case ${c.id}: ${c.config_name} ${JSON.stringify(args)}${c.note ? ` (${c.note})` : ''}`;

describe('compose matches what Hydra 1.3 composed from the shared config folder', () => {
  const source = createDirectoryConfigSource(configDir);

  for (const c of composeCases.filter((k) => k.ok)) {
    it(`${name(c, c.overrides)} gives Hydra's config, choices and resolution`, () => {
      const composed = compose({ source, configName: c.config_name, overrides: c.overrides, env });
      // Key order matters: it is what config.yaml shows.
      expect(toFixtureText(composed.config)).toBe(JSON.stringify(c.config));
      // Hydra's YAML dump tells 1 from 1.0: parse it back with our loader and compare typed values.
      expect(composed.config).toEqual(parseConfigYaml(c.yaml as string, `case-${c.id}.yaml`).content);
      // choices holds your groups only, exactly the fixture's form; Hydra's own are in hydra.runtime.choices.
      expect(composed.choices).toEqual(c.choices);
      expect(userChoices((composed.hydra['runtime'] as { choices: Record<string, string | null> }).choices)).toEqual(c.choices);
      if (c.resolve_error !== undefined) {
        expect(() => resolveComposed(composed)).toThrow(LaunchError);
      } else {
        expect(JSON.parse(toFixtureText(resolveComposed(composed)))).toEqual(c.resolved);
      }
    });
  }

  for (const c of composeCases.filter((k) => !k.ok)) {
    it(`${name(c, c.overrides)} fails as Hydra did (${c.error_type})`, () => {
      const run = (): unknown => compose({ source, configName: c.config_name, overrides: c.overrides, env });
      if (c.error_type === 'OverrideParseException') {
        expect(run).toThrow(OverrideParseError);
      } else {
        expect(run).toThrow(LaunchError);
        // Hydra's first line is the useful part; the search path lines differ by design.
        const firstLine = (c.error as string).split('\n')[0] as string;
        expect(run).toThrow(firstLine);
      }
    });
  }

  for (const c of sweepCases) {
    it(`sweep case ${c.id}: every job of ${JSON.stringify(c.args)} composes to the config Hydra gave that job`, () => {
      const master = compose({ source, configName: c.config_name, overrides: c.args, mode: 'multirun', env });
      const sweeper = master.hydra['sweeper'] as Record<string, unknown>;
      expect(toPlainData(sweeper['params'])).toEqual(c.sweeper_params);
      c.multirun.jobs.forEach((job, num) => {
        const composed = compose({ source, configName: c.config_name, overrides: job, job: { num }, env });
        expect(toFixtureText(composed.config)).toBe(JSON.stringify(c.multirun.configs?.[num]));
        expect((composed.hydra['job'] as Record<string, unknown>)['override_dirname']).toBe(c.multirun.override_dirnames[num]);
      });
    });
  }
});
