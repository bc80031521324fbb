import { mkdir, readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher, OutputPathError } from '../../src/index.js';
import type { JobSpec } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** Launches in a fresh folder (cwd one level down, so an escape to its parent shows too) and returns the error. */
async function launchError(hydra: Record<string, unknown>, jobs: JobSpec[]): Promise<{ error: unknown; parentEntries: string[] }> {
  const parent = await tempDir();
  const cwd = `${parent}/work`;
  await mkdir(cwd);
  let error: unknown;
  try {
    const handle = createLauncher({ launcher: 'local', max_parallel_jobs: 2, hydra }).launch(jobs, { cwd, mode: 'multirun' });
    await handle;
  } catch (caught) {
    error = caught;
  }
  const parentEntries = [...(await readdir(parent)), ...(await readdir(cwd)).map((e) => `work/${e}`)];
  expect(dirname(cwd)).toBe(parent);
  return { error, parentEntries };
}

const ok: JobSpec = { name: 'ok', command: ['true'] };

describe('a job folder always lies inside its sweep folder', () => {
  it.each([
    ['a job name climbing out through ${hydra.job.name}', { sweep: { dir: 'sweep', subdir: '${hydra.job.name}' } }, [ok, { name: '../../escaped', command: ['true'] }], /hydra\.job\.name/],
    ['an override value climbing out through ${hydra.job.override_dirname}', { sweep: { dir: 'sweep', subdir: '${hydra.job.override_dirname}' } }, [{ overrides: ['a=1'], command: ['true'] }, { overrides: ['data=x/../../../escaped'], command: ['true'] }], /\.\./],
    ['an absolute job name', { sweep: { dir: 'sweep', subdir: '${hydra.job.name}' } }, [ok, { name: '/tmp/escaped', command: ['true'] }], /absolute/],
    ['an empty job name (the sweep root itself)', { sweep: { dir: 'sweep', subdir: '${hydra.job.name}' } }, [ok, { name: '', command: ['true'] }], /empty/],
    ['a NUL byte in a job name', { sweep: { dir: 'sweep', subdir: 'job_${hydra.job.name}' } }, [ok, { name: 'a\0b', command: ['true'] }], /NUL/],
    ['a subdir template that climbs by itself', { sweep: { dir: 'sweep', subdir: '../${hydra.job.num}' } }, [ok, ok], /"\.\." segment/],
    ['a snapshot folder that climbs out of the job folder', { sweep: { dir: 'sweep', subdir: '${hydra.job.num}' }, output_subdir: '../../.hydra' }, [ok, ok], /hydra\.output_subdir/],
  ])('%s is a typed error before anything runs or is written', async (_name, hydra, jobs, message) => {
    const { error, parentEntries } = await launchError(hydra, jobs);
    expect(error).toBeInstanceOf(OutputPathError);
    expect((error as OutputPathError).code).toBe('ERR_OUTPUT_PATH');
    expect((error as Error).message).toMatch(message);
    expect(parentEntries).toEqual(['work']);
  });

  it('a job name that climbs out of a run folder template is a typed error too', async () => {
    const parent = await tempDir();
    const launch = () => createLauncher({ launcher: 'local', hydra: { run: { dir: 'runs/${hydra.job.name}' } } }).launch([{ name: '../../../x', command: ['true'] }], { cwd: parent });
    expect(launch).toThrow(OutputPathError);
    expect(await readdir(parent)).toEqual([]);
  });

  it('names with "/" nest inside the sweep folder and run', async () => {
    const cwd = await tempDir();
    const result = await createLauncher({ launcher: 'local', hydra: { sweep: { dir: 'sweep', subdir: '${hydra.job.name}' } } }).launch(
      [{ name: 'group/a', command: ['true'] }, { name: 'group/b', command: ['true'] }],
      { cwd, mode: 'multirun' },
    );
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed']);
    expect((await readdir(`${cwd}/sweep/group`)).sort()).toEqual(['a', 'b']);
  });
});
