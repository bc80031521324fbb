import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('resume cleans what a killed launch left', () => {
  it('removes leftover ..hydra.<id>.tmp folders and .<file>.<id>.tmp files, and keeps other files', async () => {
    const cwd = await tempDir();
    const jobs = [0, 1].map((n) => ({ overrides: [`n=${n}`], command: ['false'] }));
    const launcher = createLauncher({ launcher: 'local' });
    const first = await launcher.launch(jobs, { cwd });
    const leftovers = [join(first.dir, '0', '..hydra.Ab3dE_9k.tmp'), join(first.dir, '1', '..hydra.x1y2z3w4.tmp')];
    for (const dir of leftovers) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'config.yaml'), 'half: writ');
    }
    const tempFile = join(first.dir, '.multirun.yaml.Q9w8e7r6.tmp');
    writeFileSync(tempFile, 'torn');
    const kept = join(first.dir, '0', 'keep.tmp');
    writeFileSync(kept, 'mine');

    const second = await launcher.launch(jobs, { cwd, resume: first.dir });
    expect(second.dir).toBe(first.dir);
    for (const path of [...leftovers, tempFile]) expect(existsSync(path), path).toBe(false);
    expect(existsSync(kept)).toBe(true);
    expect(existsSync(join(first.dir, '0', '.hydra', 'config.yaml'))).toBe(true);
  });
});
