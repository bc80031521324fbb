import { closeSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareJobFilesSync } from '../../src/run/prepare-job-files.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const FILES = { 'config.yaml': 'seed: 1\n', 'overrides.yaml': "- seed=1\n" };

describe('prepareJobFilesSync', () => {
  it('makes the job folder, its state folder whole with every file, and opens both logs for appending', async () => {
    const dir = await tempDir();
    const outputDir = join(dir, 'sweep', '3');
    const logs = prepareJobFilesSync({ num: 3, outputDir, stateDir: join(outputDir, '.hydra'), files: FILES, logs: true });
    expect(readdirSync(join(outputDir, '.hydra')).sort()).toEqual(['config.yaml', 'overrides.yaml']);
    expect(readFileSync(join(outputDir, '.hydra', 'config.yaml'), 'utf8')).toBe('seed: 1\n');
    // No temp folder is left beside it.
    expect(readdirSync(outputDir).sort()).toEqual(['.hydra', 'stderr.log', 'stdout.log']);
    writeFileSync(join(outputDir, 'stdout.log'), 'earlier\n');
    writeSync(logs!.stdout, 'appended\n');
    closeSync(logs!.stdout);
    closeSync(logs!.stderr);
    expect(readFileSync(join(outputDir, 'stdout.log'), 'utf8')).toBe('earlier\nappended\n');
  });

  it('replaces the files of a state folder that exists (a second run of the job), and opens no logs when asked for none', async () => {
    const dir = await tempDir();
    mkdirSync(join(dir, 'j', '.hydra'), { recursive: true });
    writeFileSync(join(dir, 'j', '.hydra', 'config.yaml'), 'old: true\n');
    expect(prepareJobFilesSync({ num: 0, outputDir: join(dir, 'j'), stateDir: join(dir, 'j', '.hydra'), files: FILES, logs: false })).toBeNull();
    expect(readFileSync(join(dir, 'j', '.hydra', 'config.yaml'), 'utf8')).toBe('seed: 1\n');
    expect(existsSync(join(dir, 'j', 'stdout.log'))).toBe(false);
  });

  it('makes a job folder without a state folder (output_subdir: null), and throws RunDirError for a folder that cannot be made', async () => {
    const dir = await tempDir();
    prepareJobFilesSync({ num: 0, outputDir: join(dir, 'plain'), stateDir: null, files: null, logs: false });
    expect(readdirSync(join(dir, 'plain'))).toEqual([]);
    writeFileSync(join(dir, 'blocked'), 'a file');
    expect(() => prepareJobFilesSync({ num: 1, outputDir: join(dir, 'blocked'), stateDir: join(dir, 'blocked', '.hydra'), files: FILES, logs: true })).toThrow(
      expect.objectContaining({ code: 'ERR_RUN_DIR', name: 'RunDirError' }),
    );
  });
});
