import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { REDACTED } from '../run/redact/secret-patterns.js';
import { CliUsageError } from './cli-errors.js';
import { parseCliArgs } from './parse-cli-args.js';
import type { CliCommand } from './parse-cli-args.js';

/** The task command line a launch folder was made by, and the folder it was typed in. */
export interface CliInvocation {
  readonly command: Extract<CliCommand, { kind: 'task' }>;
  readonly cwd: string;
}

/**
 * Reads back the `spectramind <task> ...` line that made a run or sweep folder, from the
 * `metadata.json` its jobs recorded (argv and cwd). Any started job of the launch knows it.
 */
export function readCliInvocation(dir: string): CliInvocation {
  const metadata = findMetadata(dir);
  if (metadata === null) {
    throw new CliUsageError(`${dir} holds no job metadata (.hydra/metadata.json): either no job of it ever started, or it is not a launch folder. Run the original command again.`);
  }
  const parsed = JSON.parse(readFileSync(metadata, 'utf8')) as { argv?: unknown; cwd?: unknown };
  const argv = Array.isArray(parsed.argv) ? parsed.argv.map(String) : [];
  const script = argv[1] ?? '';
  const isCli = basename(script) === 'spectramind' || (basename(script) === 'main.js' && basename(dirname(script)) === 'cli');
  if (!isCli || typeof parsed.cwd !== 'string') {
    throw new CliUsageError(`${dir} was not launched by the spectramind command line (its metadata names ${JSON.stringify(script)}). Resume it from code with launch(jobs, { resume: dir }).`);
  }
  // metadata.json keeps secrets out: a redacted line would run the rest with '<redacted>' as the value.
  if (argv.some((arg) => arg.includes(REDACTED))) {
    throw new CliUsageError(
      `${dir} was launched with secrets on its command line, which metadata.json records as ${REDACTED}, so it cannot be replayed. ` +
        "Resume it from code with launch(jobs, { resume: dir }), and pass secrets as key='${oc.env:NAME}' next time.",
    );
  }
  const command = parseCliArgs(argv.slice(2));
  if (command.kind !== 'task') throw new CliUsageError(`${dir} was made by 'spectramind ${argv.slice(2).join(' ')}', which is not a task launch.`);
  return { command, cwd: parsed.cwd };
}

/** The first `metadata.json` of the launch: the run folder's own, or a sweep job's. */
function findMetadata(dir: string): string | null {
  const own = join(dir, '.hydra', 'metadata.json');
  if (existsSync(own)) return own;
  const events = join(dir, 'events.jsonl');
  if (!existsSync(events)) return null;
  for (const line of readFileSync(events, 'utf8').split('\n')) {
    if (!line.includes('"job:queued"')) continue;
    try {
      const event = JSON.parse(line) as { job?: { outputDir?: unknown } };
      if (typeof event.job?.outputDir !== 'string') continue;
      const candidate = join(resolve(dir, event.job.outputDir), '.hydra', 'metadata.json');
      if (existsSync(candidate)) return candidate;
    } catch {
      // a torn line: the launch was killed mid-write; the others still tell
    }
  }
  return null;
}
