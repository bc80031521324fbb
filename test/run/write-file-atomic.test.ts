import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaunchError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/run/write-file-atomic.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('writeFileAtomic', () => {
  it('writes text and leaves no temp file behind', async () => {
    const dir = await tempDir();
    await writeFileAtomic(join(dir, 'config.yaml'), 'a: 1\n');
    expect(await readFile(join(dir, 'config.yaml'), 'utf8')).toBe('a: 1\n');
    expect(await readdir(dir)).toEqual(['config.yaml']);
  });

  it('writes bytes', async () => {
    const dir = await tempDir();
    await writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([0, 1, 255]));
    expect([...(await readFile(join(dir, 'b.bin')))]).toEqual([0, 1, 255]);
  });

  it('replaces an existing file whole', async () => {
    const dir = await tempDir();
    const file = join(dir, 'f.txt');
    await writeFile(file, 'old content that is longer');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
  });

  it('never lets a reader see a partial file while many writers race', async () => {
    const dir = await tempDir();
    const file = join(dir, 'race.yaml');
    const versions = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, '0')}:${'x'.repeat(200_000)}\n`);
    await writeFileAtomic(file, versions[0]!);
    let writing = true;
    const reads: string[] = [];
    const reader = (async () => {
      while (writing) reads.push(await readFile(file, 'utf8'));
    })();
    await Promise.all(versions.map((text) => writeFileAtomic(file, text)));
    writing = false;
    await reader;
    expect(reads.length).toBeGreaterThan(0);
    for (const text of reads) expect(versions).toContain(text);
    expect(versions).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['race.yaml']);
  });

  it('fails with ERR_RUN_DIR and removes its temp file when the folder is missing', async () => {
    const dir = await tempDir();
    const error = await writeFileAtomic(join(dir, 'nope', 'f.txt'), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaunchError);
    expect((error as LaunchError).code).toBe('ERR_RUN_DIR');
    expect((error as LaunchError).message).toContain(join(dir, 'nope', 'f.txt'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its temp file when the rename fails', async () => {
    const dir = await tempDir();
    const target = join(dir, 'is-a-folder');
    await mkdir(join(target, 'child'), { recursive: true });
    const error = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect((error as LaunchError).code).toBe('ERR_RUN_DIR');
    expect(await readdir(dir)).toEqual(['is-a-folder']);
  });
});
