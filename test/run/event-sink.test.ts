import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventEmitter } from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import { openEventLog } from '../../src/run/event-log.js';
import { createEventSink } from '../../src/run/event-sink.js';
import type { JobRef, LaunchEventMap } from '../../src/run/launch-events.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const ref = (num: number): JobRef => ({ num, id: String(num), name: 'job', overrides: [], outputDir: `/tmp/${num}` });
const types = async (file: string): Promise<string[]> =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { type: string }).type);

describe('createEventSink', () => {
  it('writes queued events in one batch at the end of the turn, and a job:end with everything before it before listeners hear it', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const emitter = new EventEmitter<LaunchEventMap>();
    const sink = createEventSink({ launchId: 'L', now: () => 0, log: openEventLog(file), emitter });
    const seenAtEnd: string[][] = [];
    emitter.on('job:end', () => void types(file).then((t) => seenAtEnd.push(t)));
    sink.emit({ type: 'job:queued', job: ref(0) });
    sink.emit({ type: 'job:queued', job: ref(1) });
    expect(readFileSync(file, 'utf8')).toBe(''); // read synchronously: nothing else may run in between
    await new Promise((resolve) => setImmediate(resolve));
    expect(await types(file)).toEqual(['job:queued', 'job:queued']);
    sink.emit({ type: 'job:start', job: ref(0), pid: 1, attempt: 1, device: null });
    sink.emit({ type: 'job:end', job: ref(0), durationMs: 1, attempts: 1, status: 'completed', exitCode: 0, result: null });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seenAtEnd).toEqual([['job:queued', 'job:queued', 'job:start', 'job:end']]);
    sink.close();
  });

  it('writes what is still queued when it closes, and nothing after', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const sink = createEventSink({ launchId: 'L', now: () => 0, log: openEventLog(file) });
    sink.emit({ type: 'job:queued', job: ref(0) });
    sink.close();
    sink.emit({ type: 'job:queued', job: ref(1) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await types(file)).toEqual(['job:queued']);
  });

  it('reports a full disk once, through onFailure, from a batched write too, and keeps listeners informed', async () => {
    const failures: unknown[] = [];
    const emitter = new EventEmitter<LaunchEventMap>();
    let heard = 0;
    emitter.on('job:queued', () => (heard += 1));
    const sink = createEventSink({ launchId: 'L', now: () => 0, log: openEventLog('/dev/full'), emitter, onFailure: (error) => failures.push(error) });
    sink.emit({ type: 'job:queued', job: ref(0) });
    await new Promise((resolve) => setImmediate(resolve));
    sink.emit({ type: 'job:queued', job: ref(1) });
    sink.close();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'ERR_EVENT_LOG_WRITE', cause: expect.objectContaining({ code: 'ENOSPC' }) });
    expect(sink.failure).toBe(failures[0]);
    expect(heard).toBe(2);
  });
});
