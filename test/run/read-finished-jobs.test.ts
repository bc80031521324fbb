import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFinishedJobs } from '../../src/run/read-finished-jobs.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const end = (num: number, status: string, overrides: string[] = [`n=${num}`]) =>
  JSON.stringify({ type: 'job:end', time: '2026-01-01T00:00:00.000Z', launchId: 'l1', job: { num, overrides }, status });

describe('readFinishedJobs', () => {
  it('keeps the last end of each job and ignores other events and a torn last line', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    writeFileSync(file, [JSON.stringify({ type: 'launch:start', time: 't', launchId: 'l1', dir: '/x' }), end(0, 'failed'), end(1, 'completed'), end(0, 'completed'), '{"type":"job:end","job":{"num":2'].join('\n'));
    const finished = readFinishedJobs(file);
    expect([...finished.keys()].sort()).toEqual([0, 1]);
    expect(finished.get(0)).toMatchObject({ status: 'completed', overrides: ['n=0'] });
  });

  it('gives an empty map for a launch that wrote no event log', async () => {
    expect(readFinishedJobs(join(await tempDir(), 'events.jsonl')).size).toBe(0);
  });
});
