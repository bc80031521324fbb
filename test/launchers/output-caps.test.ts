import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher, parseEventLog, type LaunchEvent } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const LINES = 2000;
const LINE_BYTES = 1001; // 1000 characters and a newline
const EVENT_CAP = 1024 * 1024;

describe('output caps on the local launcher', () => {
  it('records at most 1 MiB of output events per job with a note of the cut, and cuts stdout.log to head and tail under max_log_mb', async () => {
    const cwd = await tempDir();
    const script = `for (let i = 0; i < ${LINES}; i++) process.stdout.write(String(i).padStart(6, '0') + 'x'.repeat(994) + '\\n');`;
    const result = await createLauncher({ launcher: 'local', max_log_mb: 0.125 }).launch([{ overrides: ['a=1'], command: [process.execPath, '-e', script] }], { cwd, streamOutput: true });
    expect(result.ok).toBe(true);

    const events = parseEventLog(readFileSync(result.eventsFile, 'utf8')).events;
    const lines = events.flatMap((e: LaunchEvent) => (e.type === 'job:output' ? [e.line] : []));
    const recorded = Math.floor(EVENT_CAP / LINE_BYTES);
    expect(lines).toHaveLength(recorded + 1);
    expect(lines.at(-1)).toBe(`[spectramind] ${(LINES - recorded) * LINE_BYTES} bytes of stdout were not recorded as events (at most ${EVENT_CAP} bytes per job); stdout.log has them all`);
    // 2 MB printed; the log holds 1 MiB of output plus its envelopes, not all of it.
    expect(statSync(result.eventsFile).size).toBeLessThan(1.5 * EVENT_CAP);

    const log = readFileSync(join(result.dir, 'stdout.log'), 'utf8');
    const maxBytes = 0.125 * 1024 * 1024;
    expect(Buffer.byteLength(log)).toBeLessThanOrEqual(maxBytes);
    expect(log.startsWith('000000xxx')).toBe(true);
    expect(log.endsWith(`${String(LINES - 1).padStart(6, '0')}${'x'.repeat(994)}\n`)).toBe(true);
    const note = /\[spectramind-launch: (\d+) bytes of this (\d+)-byte log were cut here to respect max_log_mb=0\.125\]/.exec(log);
    expect(note?.[2]).toBe(String(LINES * LINE_BYTES));
    expect(Number(note?.[1])).toBe(LINES * LINE_BYTES - (Buffer.byteLength(log) - Buffer.byteLength(note?.[0] ?? '') - 2));
  });
});
