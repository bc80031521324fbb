import { resolve } from 'node:path';
import { writeReport } from '../report/write-report.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import { showPath } from './show-path.js';

/** `spectramind report <dir>`: writes `<dir>/report.html` (works while the sweep still runs) and says where. */
export async function reportCommand(dir: string, io: CliIo): Promise<ExitCode> {
  const written = await writeReport(resolve(io.cwd, dir));
  const state = written.live ? ' (the launch is still running: the page shows what is known so far)' : '';
  io.stdout.write(`Report of ${written.jobCount} job${written.jobCount === 1 ? '' : 's'}: ${showPath(written.file, io.cwd)}${state}\n`);
  return EXIT.ok;
}
