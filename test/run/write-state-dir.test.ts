import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeStateDir } from '../../src/run/write-state-dir.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('writeStateDir', () => {
  it('creates the folder with every file and leaves nothing else', async () => {
    const root = await tempDir();
    const dir = join(root, '.hydra');
    expect(await writeStateDir(dir, { 'a.yaml': 'a: 1\n', 'b.json': '{}\n' })).toBe('created');
    expect((await readdir(dir)).sort()).toEqual(['a.yaml', 'b.json']);
    expect(await readFile(join(dir, 'a.yaml'), 'utf8')).toBe('a: 1\n');
    expect(await readdir(root)).toEqual(['.hydra']);
  });

  it('creates missing parents', async () => {
    const root = await tempDir();
    const dir = join(root, 'job', '0', 'state', 'snap');
    await writeStateDir(dir, { 'a.yaml': 'x\n' });
    expect(await readdir(dir)).toEqual(['a.yaml']);
  });

  it('replaces each file in a folder that already exists and keeps other files (a requeued job)', async () => {
    const root = await tempDir();
    const dir = join(root, '.hydra');
    await mkdir(dir);
    await writeFile(join(dir, 'a.yaml'), 'old\n');
    await writeFile(join(dir, 'result.json'), '{}');
    expect(await writeStateDir(dir, { 'a.yaml': 'new\n' })).toBe('replaced');
    expect(await readFile(join(dir, 'a.yaml'), 'utf8')).toBe('new\n');
    expect((await readdir(dir)).sort()).toEqual(['a.yaml', 'result.json']);
    expect(await readdir(root)).toEqual(['.hydra']);
  });

  it('leaves neither the folder nor a temp folder when a file cannot be written', async () => {
    const root = await tempDir();
    await expect(writeStateDir(join(root, '.hydra'), { 'a.yaml': 'x', 'missing/b.yaml': 'y' })).rejects.toMatchObject({ code: 'ERR_RUN_DIR' });
    expect(await readdir(root)).toEqual([]);
  });

  it('fails with ERR_RUN_DIR naming the folder when a file stands in the way', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'out'), 'x');
    const dir = join(root, 'out', '.hydra');
    await expect(writeStateDir(dir, { 'a.yaml': 'x' })).rejects.toThrow(dir);
    expect(await readdir(root)).toEqual(['out']);
  });
});
