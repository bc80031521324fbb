import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerEnv } from '../../src/process/layer-env.js';
import { PROCESS_MARK_ENV } from '../../src/process/process-mark.js';
import { runChildProcess } from '../../src/process/run-child-process.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** The environment a real child process sees, as name -> value. */
const parse = (text: string): Record<string, string> =>
  Object.fromEntries(text.split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));

describe('layerEnv', () => {
  const parent = { PATH: process.env.PATH ?? '/usr/bin:/bin', KEEP: 'from-parent', SHADOWED: 'parent', UNSET_ME: 'parent' };

  it("gives the child the base's variables with the layers on top (later ones win), without copying the base", () => {
    const env = layerEnv(parent, { SHADOWED: 'job', JOB_ONLY: 'job' }, { SHADOWED: 'device', CUDA_VISIBLE_DEVICES: '1' }, undefined, { [PROCESS_MARK_ENV]: 'L1/7' });
    // Own keys are the layers' only: the base's are inherited, not copied.
    expect(Object.keys(env).sort()).toEqual(['CUDA_VISIBLE_DEVICES', 'JOB_ONLY', 'SHADOWED', PROCESS_MARK_ENV]);
    const seen = parse(spawnSync('/usr/bin/env', [], { env, encoding: 'utf8' }).stdout);
    expect(seen).toEqual({ PATH: parent.PATH, KEEP: 'from-parent', SHADOWED: 'device', UNSET_ME: 'parent', JOB_ONLY: 'job', CUDA_VISIBLE_DEVICES: '1', [PROCESS_MARK_ENV]: 'L1/7' });
  });

  it('keeps every inherited variable when the runner adds its own mark on top', async () => {
    const dir = await tempDir();
    const env = layerEnv(parent, { JOB_ONLY: 'job' }, { [PROCESS_MARK_ENV]: 'L1/1' });
    const exit = await runChildProcess({
      argv: ['/usr/bin/env'],
      cwd: dir,
      env,
      stdoutFile: join(dir, 'stdout.log'),
      stderrFile: join(dir, 'stderr.log'),
      timeoutMs: null,
      killGraceMs: 1000,
      signal: new AbortController().signal,
      mark: 'L1/2',
    });
    expect(exit).toEqual({ kind: 'exited', exitCode: 0 });
    const seen = parse(readFileSync(join(dir, 'stdout.log'), 'utf8'));
    expect(seen).toMatchObject({ KEEP: 'from-parent', JOB_ONLY: 'job', [PROCESS_MARK_ENV]: 'L1/2' });
  });
});
