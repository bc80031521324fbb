import { describe, expect, it } from 'vitest';
import { createLineSplitter, MAX_LINE_CHARS } from '../../src/process/split-lines.js';

function split(chunks: readonly string[], max?: number): string[] {
  const lines: string[] = [];
  const splitter = createLineSplitter((line) => lines.push(line), max);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('createLineSplitter', () => {
  it.each([
    ['\\n, \\r\\n and a lone \\r end a line', ['a\nb\r\nc\rd'], ['a', 'b', 'c', 'd']],
    ['a \\r\\n split across chunks is one break', ['a\r', '\nb'], ['a', 'b']],
    ['empty lines are lines', ['\n\n'], ['', '']],
    ['a last line without a newline is reported at the end', ['x\ny'], ['x', 'y']],
    ['a line split across chunks is whole', ['ab', 'c\n'], ['abc']],
  ])('%s', (_name, chunks, expected) => {
    expect(split(chunks)).toEqual(expected);
  });

  it('cuts an overlong line into pieces of the maximum length', () => {
    expect(split(['abcdefghijkl\nxy'], 5)).toEqual(['abcde', 'fghij', 'kl', 'xy']);
  });

  it('never holds more than the maximum of a line without a newline, however much arrives', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 64; i++) splitter.push(chunk); // 4 MiB, no newline
    expect(lines).toHaveLength(64);
    expect(lines.every((line) => line.length === MAX_LINE_CHARS)).toBe(true);
    splitter.end();
    expect(lines).toHaveLength(64);
  });
});
