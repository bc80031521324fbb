import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LaunchError } from '../../src/errors.js';
import { EventLogWriteError, openEventLog } from '../../src/run/event-log.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const tsxLoader = createRequire(import.meta.url).resolve('tsx');
const appendScript = fileURLToPath(new URL('./support/append-events.ts', import.meta.url));

function runWriter(file: string, count: number, writer: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, appendScript, file, String(count), writer], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

async function readLines(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('openEventLog', () => {
  it('creates missing folders and writes one JSON object per line', async () => {
    const file = join(await tempDir(), 'logs', 'sweep', 'events.jsonl');
    const log = openEventLog(file);
    log.append({ type: 'launch:start', n: 1 });
    log.append({ type: 'launch:end', n: 2 });
    log.close();
    expect(await readLines(file)).toEqual([
      { type: 'launch:start', n: 1 },
      { type: 'launch:end', n: 2 },
    ]);
  });

  it('redacts secret fields of every event, numbers and repeated events included, and keeps the rest', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const log = openEventLog(file);
    const job = { num: 0, overrides: ['db.password=hunter2'], outputDir: '/o/0' };
    for (let i = 0; i < 2; i++) log.append({ type: 'job:end', time: 't', launchId: 'L', job, token: 7, exitCode: 0, cancelled: false, signal: null, result: { apiKey: 'k', loss: 1 } });
    log.close();
    const line = { type: 'job:end', time: 't', launchId: 'L', job: { ...job, overrides: ['db.password=<redacted>'] }, token: '<redacted>', exitCode: 0, cancelled: false, signal: null, result: { apiKey: '<redacted>', loss: 1 } };
    expect(await readLines(file)).toEqual([line, line]);
  });

  it('has each line on disk as soon as append returns', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const log = openEventLog(file);
    log.append({ type: 'job:start' });
    expect(await readFile(file, 'utf8')).toBe('{"type":"job:start"}\n');
    log.close();
  });

  it('appends to an existing log instead of truncating it', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const first = openEventLog(file);
    first.append({ n: 1 });
    first.close();
    const second = openEventLog(file);
    second.append({ n: 2 });
    second.close();
    expect(await readLines(file)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('writes bigints as strings and errors as name, message and code', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const log = openEventLog(file);
    log.append({ big: 2n ** 70n, error: new LaunchError('ERR_X', 'boom') });
    log.close();
    expect(await readLines(file)).toEqual([{ big: '1180591620717411303424', error: { name: 'LaunchError', message: 'boom', code: 'ERR_X' } }]);
  });

  it('keeps newlines inside values on one line', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const log = openEventLog(file);
    log.append({ line: 'a\nb' });
    log.close();
    expect(await readLines(file)).toEqual([{ line: 'a\nb' }]);
  });

  it('keeps queued lines out of the file until a flush, then writes them all in order', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const log = openEventLog(file);
    log.queue({ n: 1 });
    log.queue({ n: 2 });
    expect(log.pending).toBe(2);
    expect(await readFile(file, 'utf8')).toBe('');
    log.flush();
    expect(log.pending).toBe(0);
    log.queue({ n: 3 });
    log.append({ n: 4 });
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n{"n":4}\n');
    log.queue({ n: 5 });
    log.close();
    expect((await readLines(file)).map((line) => line.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('writes early once a quarter MiB is queued, so a busy turn of the loop stays bounded', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const log = openEventLog(file);
    for (let i = 0; i < 40; i++) log.queue({ i, line: 'x'.repeat(10_000) });
    expect(log.pending).toBeLessThan(40);
    expect((await readFile(file, 'utf8')).split('\n').length - 1).toBe(40 - log.pending);
    log.close();
    expect((await readLines(file)).map((line) => line.i)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('rejects appends after close and tolerates a second close', async () => {
    const log = openEventLog(join(await tempDir(), 'events.jsonl'));
    log.close();
    log.close();
    expect(() => log.append({})).toThrow(expect.objectContaining({ code: 'ERR_EVENT_LOG_CLOSED' }));
  });

  it('fails with ERR_RUN_DIR when the file cannot be opened', async () => {
    const dir = await tempDir();
    expect(() => openEventLog(dir)).toThrow(expect.objectContaining({ code: 'ERR_RUN_DIR' }));
  });

  it('never interleaves lines from several processes writing at once', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    const writers = ['a', 'b', 'c', 'd'];
    const codes = await Promise.all(writers.map((w) => runWriter(file, 200, w)));
    expect(codes).toEqual([0, 0, 0, 0]);
    const lines = await readLines(file);
    expect(lines).toHaveLength(800);
    for (const writer of writers) {
      const own = lines.filter((line) => line.writer === writer);
      expect(own.map((line) => line.i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      for (const line of own) expect(line.line).toBe(writer.repeat(8_000));
    }
  });
});

describe('openEventLog on a torn or failing file', () => {
  it('cuts a torn last line before appending, so a new record never glues onto half a record', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    writeFileSync(file, '{"n":1}\n{"time":"2026-');
    const log = openEventLog(file, { repairTornTail: true });
    expect(log.repaired).toEqual({ bytes: '{"time":"2026-'.length, excerpt: '{"time":"2026-' });
    log.append({ n: 2 });
    log.close();
    expect(await readLines(file)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('cuts a torn line longer than one read chunk, and a file that is one torn line', async () => {
    const dir = await tempDir();
    const long = join(dir, 'long.jsonl');
    writeFileSync(long, `{"n":1}\n{"line":"${'x'.repeat(200_000)}`);
    const first = openEventLog(long, { repairTornTail: true });
    expect(first.repaired?.bytes).toBe(200_009);
    first.close();
    expect(await readFile(long, 'utf8')).toBe('{"n":1}\n');
    const only = join(dir, 'only.jsonl');
    writeFileSync(only, '{"half":');
    openEventLog(only, { repairTornTail: true }).close();
    expect(await readFile(only, 'utf8')).toBe('');
  });

  it('leaves a torn tail alone when not told it owns the file: it may be another writer\'s line in progress', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    writeFileSync(file, '{"n":1}\n{"time":"2026-');
    const log = openEventLog(file);
    expect(log.repaired).toBeNull();
    log.close();
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"time":"2026-');
  });

  it('reports nothing repaired for a clean file', async () => {
    const file = join(await tempDir(), 'events.jsonl');
    writeFileSync(file, '{"n":1}\n');
    const log = openEventLog(file, { repairTornTail: true });
    expect(log.repaired).toBeNull();
    log.close();
  });

  it('throws a typed ERR_EVENT_LOG_WRITE naming the file when the disk is full', () => {
    // /dev/full answers every write with ENOSPC, as a full disk does.
    const log = openEventLog('/dev/full');
    let thrown: unknown;
    try {
      log.append({ n: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventLogWriteError);
    expect(thrown).toMatchObject({ code: 'ERR_EVENT_LOG_WRITE', path: '/dev/full', cause: expect.objectContaining({ code: 'ENOSPC' }) });
    log.close();
  });

  it('throws the same typed error from a flush of queued lines on a full disk', () => {
    const log = openEventLog('/dev/full');
    log.queue({ n: 1 });
    log.queue({ n: 2 });
    expect(() => log.flush()).toThrow(expect.objectContaining({ code: 'ERR_EVENT_LOG_WRITE', cause: expect.objectContaining({ code: 'ENOSPC' }) }));
    log.close();
  });
});
