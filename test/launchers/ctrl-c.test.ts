import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { LaunchEvent } from '../../src/index.js';
import { isAlive, jobScript, useTempDirs } from '../support/temp-dir.js';

describe('Ctrl-C during a sweep', () => {
  const tempDir = useTempDirs();

  it('stops every job and grandchild and leaves a complete event record', async () => {
    const cwd = await tempDir();
    const launcher = spawn(process.execPath, [jobScript('launch-sweep.mjs'), cwd, jobScript('spawn-grandchild.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    launcher.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    while (!out.includes('started')) await sleep(20);
    const dir = /dir (.+)\n/.exec(out)![1]!;
    const pidFiles = [0, 1].map((n) => join(dir, String(n), 'grandchild.pid'));
    while (!pidFiles.every((f) => existsSync(f) && readFileSync(f, 'utf8') !== '')) await sleep(20);
    const grandchildren = pidFiles.map((f) => Number(readFileSync(f, 'utf8')));
    expect(grandchildren.every(isAlive)).toBe(true);

    launcher.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => launcher.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('done {"completed":0,"failed":0,"timed-out":0,"cancelled":3,"skipped":0,"detached":0}');
    await sleep(100);
    expect(grandchildren.some(isAlive)).toBe(false);
    const events = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LaunchEvent);
    const ends = events.filter((e) => e.type === 'job:end');
    expect(ends.map((e) => e.job.num).sort()).toEqual([0, 1, 2]);
    expect(events.at(-1)).toMatchObject({ type: 'launch:end', cancelled: true });
  });
});
