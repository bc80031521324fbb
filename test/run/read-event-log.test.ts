import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEventLog, readEventLog, readEventLogSync } from '../../src/run/read-event-log.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const envelope = { time: '2026-01-01T00:00:00.000Z', launchId: 'l1' };
const job = { num: 0, id: 'l1_0', name: 'app', overrides: ['a=1'], outputDir: '/out/0' };
const start = JSON.stringify({ ...envelope, type: 'launch:start', launcher: 'local', mode: 'multirun', dir: '/out', jobCount: 1 });
const ended = JSON.stringify({ ...envelope, type: 'job:end', job, durationMs: 5, attempts: 1, status: 'completed', exitCode: 0, result: null });

describe('parseEventLog', () => {
  it('returns typed events in file order', () => {
    const contents = parseEventLog(`${start}\n${ended}\n`);
    expect(contents.events.map((e) => e.type)).toEqual(['launch:start', 'job:end']);
    expect(contents.torn).toBeNull();
    expect(contents.skipped).toEqual([]);
    const last = contents.events[1];
    if (last?.type !== 'job:end') throw new Error('expected a job:end');
    expect(last.status).toBe('completed');
  });

  it('skips and reports a torn last line, even one that parses as JSON', () => {
    const contents = parseEventLog(`${start}\n${ended}`);
    expect(contents.events.map((e) => e.type)).toEqual(['launch:start']);
    expect(contents.torn).toMatchObject({ line: 2, reason: 'torn' });
    expect(contents.skipped).toEqual([contents.torn]);
  });

  it('skips lines that are not JSON or not events, and says which and why', () => {
    const contents = parseEventLog(['{"time":"{"time":1}', JSON.stringify({ type: 'job:end', ...envelope, job, status: 'exploded' }), JSON.stringify({ hello: 1 }), start, ''].join('\n'));
    expect(contents.events).toHaveLength(1);
    expect(contents.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'invalid-json'],
      [2, 'not-an-event'],
      [3, 'not-an-event'],
    ]);
  });

  it('reads an empty text as an empty log', () => {
    expect(parseEventLog('')).toEqual({ events: [], torn: null, skipped: [] });
  });
});

describe('readEventLog', () => {
  it('reads a file asynchronously and synchronously alike, and a missing file as empty', async () => {
    const dir = await tempDir();
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${start}\n${ended}\n{"half`);
    const asyncRead = await readEventLog(file);
    expect(asyncRead).toEqual(readEventLogSync(file));
    expect(asyncRead.events).toHaveLength(2);
    expect(asyncRead.torn?.excerpt).toBe('{"half');
    expect((await readEventLog(join(dir, 'missing.jsonl'))).events).toEqual([]);
    expect(readEventLogSync(join(dir, 'missing.jsonl')).events).toEqual([]);
  });
});

describe('parseEventLog on older logs', () => {
  it('reads a free-string scheduler state as unknown and keeps the word in native', () => {
    const old = JSON.stringify({ ...envelope, type: 'job:state', job, state: 'PENDING', attempt: 1, detail: null });
    const current = JSON.stringify({ ...envelope, type: 'job:state', job, state: 'running', native: 'RUNNING', attempt: 1, detail: null });
    const states = parseEventLog(`${old}\n${current}\n`).events.map((e) => (e.type === 'job:state' ? [e.state, e.native] : null));
    expect(states).toEqual([
      ['unknown', 'PENDING'],
      ['running', 'RUNNING'],
    ]);
  });
});
