// Runs vitest and ends with a plain "vitest: N passed, N failed, N skipped" line that any CI
// reader understands, exiting non-zero when any run failed. Extra arguments go to one vitest run.
//
// With no arguments it runs in two phases: every test but the cluster ones (files in parallel),
// then the SLURM and SGE cluster tests one file at a time. Each cluster is one small node: files
// sharing it at once starve each other's jobs and turn timing into flaky failures.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import spawn from 'cross-spawn';

const CLUSTER_DIRS = ['test/slurm-integration', 'test/sge-integration'];

// vitest's colour library looks at TERM, not at whether stdout is a terminal: a log file or a
// pipe would get escape codes. Plain text unless this process writes to a terminal (or the
// caller asked for colour with FORCE_COLOR).
const env = { ...process.env };
if (!process.stdout.isTTY && env.FORCE_COLOR === undefined) env.NO_COLOR = '1';

/** One vitest run; resolves to its exit code and counts (null counts: no report was written). */
function runVitest(args, index) {
  const report = join(tmpdir(), `spectramind-vitest-${process.pid}-${index}.json`);
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], { stdio: 'inherit', env });
    child.on('exit', (code, signal) => {
      let counts = null;
      try {
        const results = JSON.parse(readFileSync(report, 'utf8'));
        counts = { passed: results.numPassedTests, failed: results.numFailedTests, skipped: results.numPendingTests + results.numTodoTests };
        rmSync(report, { force: true });
      } catch {
        // counts stay null: the run did not finish
      }
      resolve({ code: code ?? (signal ? 1 : 0), counts });
    });
  });
}

const extra = process.argv.slice(2);
const phases = extra.length > 0 ? [extra] : [CLUSTER_DIRS.flatMap((dir) => ['--exclude', `${dir}/**`]), [...CLUSTER_DIRS, '--no-file-parallelism']];
const total = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
let complete = true;
for (const [index, args] of phases.entries()) {
  const { code, counts } = await runVitest(args, index);
  if (code !== 0) status = code;
  if (counts === null) complete = false;
  else for (const key of Object.keys(total)) total[key] += counts[key];
}
console.log(complete ? `vitest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped` : 'vitest: no report was written (a run did not finish)');
process.exit(status);
