// Runs vitest once and ends with a plain "vitest: N passed, N failed, N skipped" line that any
// CI reader understands, keeping vitest's exit code. Extra arguments go to vitest.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import spawn from 'cross-spawn';

const report = join(tmpdir(), `spectramind-vitest-${process.pid}.json`);
// vitest's colour library looks at TERM, not at whether stdout is a terminal: a log file or a
// pipe would get escape codes. Plain text unless this process writes to a terminal (or the
// caller asked for colour with FORCE_COLOR).
const env = { ...process.env };
if (!process.stdout.isTTY && env.FORCE_COLOR === undefined) env.NO_COLOR = '1';
const child = spawn('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('exit', (code, signal) => {
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = results.numPendingTests + results.numTodoTests;
    console.log(`vitest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`);
    rmSync(report, { force: true });
  } catch {
    console.log('vitest: no report was written (the run did not finish)');
  }
  process.exit(code ?? (signal ? 1 : 0));
});
