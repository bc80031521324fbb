import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaunchError } from '../../src/errors.js';
import { claimRunDir } from '../../src/run/claim-run-dir.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('claimRunDir', () => {
  it('creates the folder and its missing parents and returns it', async () => {
    const root = await tempDir();
    const dir = join(root, 'logs', 'runs', '2024-01-05', '13-04-09');
    await expect(claimRunDir(dir)).resolves.toBe(dir);
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it('adds _1, _2, ... when the folder already exists', async () => {
    const root = await tempDir();
    const dir = join(root, '13-04-09');
    await mkdir(dir);
    await mkdir(`${dir}_1`);
    await expect(claimRunDir(dir)).resolves.toBe(`${dir}_2`);
  });

  it('gives two concurrent claims of the same folder different folders', async () => {
    const root = await tempDir();
    const dir = join(root, 'same-second');
    const claimed = await Promise.all(Array.from({ length: 20 }, () => claimRunDir(dir)));
    expect(new Set(claimed).size).toBe(20);
    expect((await readdir(root)).sort()).toEqual(claimed.map((p) => p.slice(root.length + 1)).sort());
  });

  it('returns an absolute path for a relative folder', async () => {
    const root = await tempDir();
    const claimed = await claimRunDir(relative(process.cwd(), join(root, 'x')));
    expect(claimed).toBe(join(root, 'x'));
  });

  it('fails with ERR_RUN_DIR when a file is in the way of the parents', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'file'), 'x');
    const error = await claimRunDir(join(root, 'file', 'run')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaunchError);
    expect((error as LaunchError).code).toBe('ERR_RUN_DIR');
    expect((error as LaunchError).message).toContain(join(root, 'file', 'run'));
  });

  it('stops after maxSuffix candidates with advice on finer templates', async () => {
    const root = await tempDir();
    const dir = join(root, 'busy');
    await mkdir(dir);
    await mkdir(`${dir}_1`);
    const error = await claimRunDir(dir, { maxSuffix: 1 }).catch((e: unknown) => e);
    expect((error as LaunchError).code).toBe('ERR_RUN_DIR');
    expect((error as LaunchError).message).toContain('%f');
  });
});
