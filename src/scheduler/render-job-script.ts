import { assertEnvName, commentText, quoteShellWord } from './shell-quote.js';

/** What one job's `job.sh` sets before the batch script runs it. */
export interface JobScriptSpec {
  readonly num: number;
  readonly id: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
}

/**
 * Renders the per-job file the array's batch script sources: `cd`, `export`s and the argv
 * as a bash array. Every value is single-quoted, so it is data, never code.
 */
export function renderJobScript(spec: JobScriptSpec): string {
  const exports = Object.keys(spec.env)
    .sort()
    .map((key) => {
      assertEnvName(key);
      return `export ${key}=${quoteShellWord(spec.env[key] ?? '')}`;
    });
  return [
    `# job ${spec.num} ${commentText(spec.id)}, sourced by the batch script of its array`,
    `cd -- ${quoteShellWord(spec.cwd)} || exit 1`,
    ...exports,
    `_sm_argv=(${spec.argv.map(quoteShellWord).join(' ')})`,
    '',
  ].join('\n');
}
