import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLogTail } from '../../src/run/read-log-tail.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const logWith = (text: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'log-tail-'));
  dirs.push(dir);
  const file = join(dir, 'stdout.log');
  writeFileSync(file, text);
  return file;
};

describe('reading the tail of a log', () => {
  it.each([
    ['the last lines of a log ending with a newline', 'a\nb\nc\n', 2, 'b\nc\n'],
    ['the last lines of a log ending mid-line', 'a\nb\nc', 2, 'b\nc'],
    ['every line when asked for more than there are', 'a\nb\n', 10, 'a\nb\n'],
    ['nothing for zero lines', 'a\nb\n', 0, ''],
    ['the whole (small) log without a line count', 'a\nb\n', null, 'a\nb\n'],
  ])('returns %s', async (_name, text, lines, expected) => {
    expect(await readLogTail(logWith(text), { lines })).toBe(expected);
  });

  it('never reads more than maxBytes from the end, dropping the cut first line', async () => {
    const file = logWith(`${'x'.repeat(5000)}\nlast one\n`);
    expect(await readLogTail(file, { maxBytes: 12 })).toBe('last one\n');
  });

  it('returns null for a log not written yet', async () => {
    expect(await readLogTail(join(tmpdir(), 'no-such-dir-spectramind', 'stdout.log'))).toBeNull();
  });

  it('refuses a negative line count, naming it', async () => {
    await expect(readLogTail(logWith('a\n'), { lines: -1 })).rejects.toThrow(/`tail` to be a non-negative integer.*-1/);
  });
});
