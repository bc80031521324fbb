import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capLogFile, logHeadBytes, trimRunningLog } from '../../src/run/cap-log-file.js';
import { useTempDirs } from '../support/temp-dir.js';

describe('capLogFile', () => {
  const tempDir = useTempDirs();

  it('leaves a log under the cap untouched', async () => {
    const file = join(await tempDir(), 'stdout.log');
    writeFileSync(file, 'short\n');
    expect(await capLogFile(file, 100, 'max_log_mb=1')).toEqual({ truncated: false, bytes: 6 });
    expect(readFileSync(file, 'utf8')).toBe('short\n');
  });

  it('treats a missing log as empty', async () => {
    expect(await capLogFile(join(await tempDir(), 'none.log'), 100, 'max_log_mb=1')).toEqual({ truncated: false, bytes: 0 });
  });

  it('keeps the head and the tail around a note that counts the cut bytes', async () => {
    const file = join(await tempDir(), 'stderr.log');
    const text = `${'A'.repeat(1000)}${'m'.repeat(8000)}${'Z'.repeat(1000)}`;
    writeFileSync(file, text);
    const cap = await capLogFile(file, 1000, 'max_log_mb=0.001');
    const kept = readFileSync(file, 'utf8');
    expect(cap).toEqual({ truncated: true, originalBytes: 10_000, bytes: Buffer.byteLength(kept) });
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(1000);
    const match = /^(A+)\n\[spectramind-launch: (\d+) bytes of this 10000-byte log were cut here to respect max_log_mb=0\.001\]\n(Z+)$/.exec(kept);
    expect(match).not.toBeNull();
    const [, head, cut, tail] = match!;
    expect(head!.length).toBe(logHeadBytes(1000));
    expect(head!.length + Number(cut) + tail!.length).toBe(10_000);
    expect(tail!.length).toBeGreaterThan(head!.length); // the tail, where the error usually is, gets the spare room
  });

  it('trims a log that is still written back to its head, and the final cut counts those bytes too', async () => {
    const file = join(await tempDir(), 'stdout.log');
    writeFileSync(file, `${'A'.repeat(600)}${'m'.repeat(1400)}`);
    expect(await trimRunningLog(file, 1000)).toBe(2000 - logHeadBytes(1000));
    expect(readFileSync(file, 'utf8')).toBe('A'.repeat(logHeadBytes(1000)));
    expect(await trimRunningLog(file, 1000)).toBe(0);
    appendFileSync(file, 'Z'.repeat(300)); // the job goes on writing at the new end
    const cap = await capLogFile(file, 1000, 'max_log_mb=0.001', 2000 - logHeadBytes(1000));
    expect(cap).toMatchObject({ truncated: true, originalBytes: 2300 });
    expect(readFileSync(file, 'utf8')).toBe(`${'A'.repeat(logHeadBytes(1000))}\n[spectramind-launch: ${2000 - logHeadBytes(1000)} bytes of this 2300-byte log were cut here to respect max_log_mb=0.001]\n${'Z'.repeat(300)}`);
  });

  it('keeps only the note when the cap is smaller than the note', async () => {
    const file = join(await tempDir(), 'stdout.log');
    writeFileSync(file, 'x'.repeat(500));
    await capLogFile(file, 10, 'max_log_mb=0.00001');
    expect(readFileSync(file, 'utf8')).toBe('\n[spectramind-launch: 500 bytes of this 500-byte log were cut here to respect max_log_mb=0.00001]\n');
  });
});
