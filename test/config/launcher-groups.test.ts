import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compose } from '../../src/config/compose.js';
import { ConfigCompositionError } from '../../src/config/config-errors.js';
import { createLauncherFromConfig } from '../../src/config/create-launcher-from-config.js';
import { launcherInputFromComposed } from '../../src/config/launcher-input.js';
import { createMemoryConfigSource } from '../../src/config/memory-config-source.js';
import { closestNames } from '../../src/config/closest-names.js';
import { basicLauncher } from '../../src/launchers/basic/basic-launcher.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { loadSchema } from '../../src/schema/load-schema.js';
import { useTempDirs } from '../support/temp-dir.js';

const here = dirname(fileURLToPath(import.meta.url));
const spectramind = join(here, '..', '..', 'examples', 'spectramind', 'configs');
const bare = createMemoryConfigSource({ config: 'x: 1\n' });
const common = (loadSchema('launcher-common.json') as { definitions: Record<string, Field> }).definitions;
const tempDir = useTempDirs();

interface Field {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: Field;
  readonly properties?: object;
}

/** A value the field's schema accepts, as an override value and as the launcher should end up holding it. */
function sampleValue(field: Field): { text: string; value: unknown } | null {
  const ref = field.$ref === undefined ? {} : (common[field.$ref.split('/').pop() as string] ?? {});
  const merged: Field = { ...ref, ...field };
  if (merged.const !== undefined) return { text: JSON.stringify(merged.const), value: merged.const };
  if (merged.enum !== undefined) {
    const value = merged.enum[merged.enum.length - 1];
    return { text: typeof value === 'string' ? `'${value}'` : JSON.stringify(value), value };
  }
  const types = [merged.type ?? []].flat();
  if (types.includes('boolean')) return { text: merged.default === true ? 'false' : 'true', value: merged.default !== true };
  if (types.includes('integer') || types.includes('number')) {
    const value = Math.min(Math.max(3, merged.minimum ?? 3), merged.maximum ?? 3);
    return { text: String(value), value };
  }
  if (types.includes('object') && merged.properties !== undefined) return null; // a nested record (kaggle's runtime): its own fields
  if (types.includes('object')) return { text: '{A: b}', value: { A: 'b' } };
  if (types.includes('array')) return merged.items?.type === 'string' || [merged.items?.type].flat().includes('string') ? { text: '[a]', value: ['a'] } : { text: '[]', value: [] };
  if (types.includes('string')) return null; // formats differ per field (gres, mem, signal): covered by the seed's lines below
  return null;
}

const launchers = ['basic', 'local', 'slurm', 'kaggle'] as const;

describe('built-in hydra/launcher groups', () => {
  for (const name of launchers) {
    it(`hold every field of the ${name} schema, so each one overrides without + in a folder with no launcher YAML`, () => {
      const schema = loadSchema(`${name}.json`) as { properties: Record<string, Field> };
      const fields = Object.keys(schema.properties).filter((field) => field !== 'launcher' && field !== '_target_');
      const composed = compose({ source: bare, overrides: [`hydra/launcher=${name}`] });
      expect(Object.keys(composed.hydra['launcher'] as object).sort()).toEqual(['_target_', 'launcher', ...fields].sort());
      for (const field of fields) {
        // Every field takes a plain override: composition never asks for '+'.
        expect(() => compose({ source: bare, overrides: [`hydra/launcher=${name}`, `hydra.launcher.${field}=null`] })).not.toThrow();
        const sample = sampleValue(schema.properties[field] as Field);
        if (sample === null) continue;
        const launcher = createLauncherFromConfig(compose({ source: bare, overrides: [`hydra/launcher=${name}`, `hydra.launcher.${field}=${sample.text}`] }));
        // kaggle's env keeps its KAGGLE tags beside the given variable.
        const expected = sample.value !== null && typeof sample.value === 'object' && !Array.isArray(sample.value) ? expect.objectContaining(sample.value) : sample.value;
        expect({ field, value: launcher.config[field] }).toEqual({ field, value: expected });
      }
    });
  }

  it("compose the seed's SLURM lines with no + and no launcher YAML in the folder", () => {
    const overrides = ['hydra/launcher=slurm', 'hydra.launcher.partition=gpu', 'hydra.launcher.gres=gpu:1', "hydra.launcher.nodelist='node[1-2]'", 'hydra.launcher.qos=high', 'hydra.launcher.account=ariel'];
    for (const source of [bare, undefined]) {
      const composed = source === undefined ? compose({ configDir: spectramind, overrides }) : compose({ source, overrides });
      const launcher = createLauncherFromConfig(composed);
      expect(launcher.config).toMatchObject({ partition: 'gpu', gres: 'gpu:1', nodelist: 'node[1-2]', qos: 'high', account: 'ariel' });
    }
  });

  it("merge a user's YAML of the same name over the built-in group", () => {
    const composed = compose({ configDir: spectramind, overrides: ['hydra/launcher=local', 'hydra.launcher.device_env=HIP_VISIBLE_DEVICES'] });
    // max_parallel_jobs from the example's local.yaml, device_env from the built-in group.
    expect(composed.hydra['launcher']).toMatchObject({ launcher: 'local', max_parallel_jobs: 2, device_env: 'HIP_VISIBLE_DEVICES', fail_fast: false });
  });

  it("take new keys in a launcher mapping field without +, as Hydra's Dict fields do", () => {
    const launcher = createLauncherFromConfig(compose({ source: bare, overrides: ['hydra/launcher=slurm', 'hydra.launcher.additional_parameters.mail_type=END', 'hydra.launcher.env={WANDB_MODE: offline}'] }));
    expect(launcher.config).toMatchObject({ additional_parameters: { mail_type: 'END' }, env: { WANDB_MODE: 'offline' } });
  });

  it('name the closest known fields for a typo, never a + hint', () => {
    const typo = () => compose({ source: bare, overrides: ['hydra/launcher=local', 'hydra.launcher.max_paralel_jobs=4'] });
    expect(typo).toThrow(ConfigCompositionError);
    expect(typo).toThrow("Unknown field 'max_paralel_jobs' of the local launcher in 'hydra.launcher.max_paralel_jobs=4'. Did you mean hydra.launcher.max_parallel_jobs?");
    expect(typo).not.toThrow(/\+hydra/);
  });

  it('exist for a registered launcher too', () => {
    const pbs = { ...basicLauncher, name: 'pbs', targets: [], schema: { type: 'object', properties: { launcher: { const: 'pbs' }, queue: { type: ['string', 'null'], default: null }, walltime_h: { type: 'integer', default: 4 } } } } as unknown as LauncherDefinition<object>;
    const composed = compose({ source: bare, overrides: ['hydra/launcher=pbs', 'hydra.launcher.queue=long'], launchers: [pbs] });
    expect(composed.hydra['launcher']).toEqual({ _target_: 'spectramind_launch.launchers.pbs', launcher: 'pbs', queue: 'long', walltime_h: 4 });
  });

  it('keep the one submitit folder default, under the sweep folder the launch claims', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'conf'));
    await writeFile(join(cwd, 'conf', 'config.yaml'), 'x: 1\n');
    for (const overrides of [['hydra/launcher=slurm'], ['hydra/launcher=slurm', 'hydra.launcher.partition=debug']]) {
      const composed = compose({ configDir: join(cwd, 'conf'), overrides });
      expect(launcherInputFromComposed(composed).input['submitit_folder']).toBe('${hydra.sweep.dir}/.submitit/%j');
      const dry = createLauncherFromConfig(composed).launch([{ command: ['true'] }, { command: ['true'] }], { dryRun: true, cwd });
      expect(JSON.stringify(dry.details)).toContain(`"${join(dry.plan.dir, '.submitit')}/`);
      expect(JSON.stringify(dry.details)).not.toContain(`${dry.plan.dir}/logs`);
    }
  });
});

describe('closestNames', () => {
  it('ranks by edit distance and leaves out far names', () => {
    expect(closestNames('max_paralel_jobs', ['max_parallel_jobs', 'devices', 'max_log_mb'])).toEqual(['max_parallel_jobs']);
    expect(closestNames('gpus', ['gres', 'gpus_per_node', 'qos'])).toEqual(['gres']);
    expect(closestNames('partiton', ['partition', 'account', 'qos'])).toEqual(['partition']);
    expect(closestNames('zzzzzz', ['partition'])).toEqual([]);
  });
});
