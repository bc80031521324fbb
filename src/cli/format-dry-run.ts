import type { DryRunResult } from '../run/launch-result.js';
import { overridesText } from './format-progress.js';
import { shellWord } from './show-path.js';

/** `--dry-run`: each job's folder, overrides and command, then what the backend would submit. */
export function formatDryRun(dry: DryRunResult, showPath: (path: string) => string): string {
  const { plan } = dry;
  const lines = [`Dry run: ${plan.jobs.length} job${plan.jobs.length === 1 ? '' : 's'} on the ${plan.launcher} launcher (${plan.mode}), nothing was run or written.`];
  lines.push(`${plan.mode === 'multirun' ? 'Sweep' : 'Run'} folder: ${showPath(plan.dir)}`);
  for (const job of plan.jobs) {
    const argv = job.payload.kind === 'function' ? ['(in-process function)'] : job.payload.argv;
    lines.push('', `job ${job.num}: ${overridesText(job.overrides)}`, `  folder:  ${showPath(job.outputDir)}`, `  command: ${argv.map(shellWord).join(' ')}`);
  }
  for (const [key, value] of Object.entries(dry.details)) {
    lines.push('', `${key}:`);
    lines.push(...detailText(value).split('\n').map((l) => `  ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

function detailText(value: unknown): string {
  if (typeof value === 'string') return value.trimEnd();
  // Rendered files (sbatch scripts, job scripts): their path, then their text as written.
  if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && typeof (v as { text?: unknown }).text === 'string')) {
    return value.map((v: { path?: unknown; text: string }) => `# ${String(v.path ?? '')}\n${v.text.trimEnd()}`).join('\n\n');
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n---\n').trimEnd();
  return JSON.stringify(value, null, 2);
}
