import { access, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { IntegralFloat } from '../../src/overrides/to-config-value.js';
import { buildHydraNode } from '../../src/run/snapshots/build-hydra-node.js';
import { writeConfigSnapshot } from '../../src/run/snapshots/write-config-snapshot.js';
import { writeJobSnapshots } from '../../src/run/snapshots/write-job-snapshots.js';
import { writeOverridesSnapshot } from '../../src/run/snapshots/write-overrides-snapshot.js';
import { HYDRA_DEFAULTS, SAMPLE_LAUNCHER, SAMPLE_METADATA, samplePlan } from './support/sample-plan.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const read = (path: string): Promise<string> => readFile(path, 'utf8');

describe('writeJobSnapshots', () => {
  it('writes config, overrides, hydra and metadata files into the state folder', async () => {
    const plan = samplePlan(await tempDir());
    const job = plan.jobs[0]!;
    await writeJobSnapshots(plan, job, SAMPLE_LAUNCHER, SAMPLE_METADATA);
    const stateDir = join(job.outputDir, '.hydra');
    expect((await readdir(stateDir)).sort()).toEqual(['config.yaml', 'hydra.yaml', 'metadata.json', 'overrides.yaml']);
    expect(await read(join(stateDir, 'config.yaml'))).toBe('lr: 0.1\nseed: 7\ntag: a b\nmodel:\n  layers:\n  - 1\n  - 2\n');
    expect(await read(join(stateDir, 'overrides.yaml'))).toBe("- lr=0.1\n- seed=7\n- +tag='a b'\n");
    expect(parse(await read(join(stateDir, 'hydra.yaml')))).toEqual(buildHydraNode(plan, job, SAMPLE_LAUNCHER));
    expect(JSON.parse(await read(join(stateDir, 'metadata.json')))).toEqual(SAMPLE_METADATA);
  });

  it('can be called twice for the same job', async () => {
    const plan = samplePlan(await tempDir());
    await writeJobSnapshots(plan, plan.jobs[1]!, SAMPLE_LAUNCHER, SAMPLE_METADATA);
    await writeJobSnapshots(plan, plan.jobs[1]!, SAMPLE_LAUNCHER, SAMPLE_METADATA);
    expect((await readdir(plan.jobs[1]!.stateDir!)).sort()).toEqual(['config.yaml', 'hydra.yaml', 'metadata.json', 'overrides.yaml']);
  });

  it('honours a custom output_subdir', async () => {
    const plan = samplePlan(await tempDir(), { ...HYDRA_DEFAULTS, output_subdir: 'state/snap' });
    await writeJobSnapshots(plan, plan.jobs[0]!, SAMPLE_LAUNCHER, SAMPLE_METADATA);
    await expect(access(join(plan.jobs[0]!.outputDir, 'state', 'snap', 'hydra.yaml'))).resolves.toBeUndefined();
  });

  it('writes nothing when output_subdir is null', async () => {
    const dir = await tempDir();
    const plan = samplePlan(dir, { ...HYDRA_DEFAULTS, output_subdir: null });
    await writeJobSnapshots(plan, plan.jobs[0]!, SAMPLE_LAUNCHER, SAMPLE_METADATA);
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails with ERR_RUN_DIR naming the folder when it cannot be created', async () => {
    const dir = await tempDir();
    const plan = samplePlan(join(dir, 'f'));
    await writeFile(join(dir, 'f'), 'x');
    const error = await writeJobSnapshots(plan, plan.jobs[0]!, SAMPLE_LAUNCHER, SAMPLE_METADATA).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_RUN_DIR' });
    expect((error as Error).message).toContain(plan.jobs[0]!.stateDir!);
  });
});

describe('writeOverridesSnapshot', () => {
  it('writes each override as typed, quoting only where YAML needs it', async () => {
    const dir = await tempDir();
    const overrides = ['db=mysql', '~db', '+x=[10,20]', 'app.name=a\\ b', "app.name=''", 'a=', '# not a comment', 'k=v # c', '- dash', 'y', '@at'];
    await writeOverridesSnapshot(dir, overrides);
    const text = await read(join(dir, 'overrides.yaml'));
    expect(parse(text, { version: '1.1' })).toEqual(overrides);
    expect(text.split('\n').slice(0, 5)).toEqual(['- db=mysql', '- ~db', '- +x=[10,20]', '- app.name=a\\ b', "- app.name=''"]);
  });

  it('writes an empty list as []', async () => {
    const dir = await tempDir();
    await writeOverridesSnapshot(dir, []);
    expect(await read(join(dir, 'overrides.yaml'))).toBe('[]\n');
  });
});

describe('writeConfigSnapshot', () => {
  it('keeps integral floats as floats', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 's'));
    await writeConfigSnapshot(join(dir, 's'), { lr: new IntegralFloat(1), epochs: 1 });
    expect(await read(join(dir, 's', 'config.yaml'))).toBe('lr: 1.0\nepochs: 1\n');
  });
});
