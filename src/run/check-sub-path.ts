import { OutputPathError } from './output-path-error.js';
import { redactText } from './redact/redact-text.js';

/** Longest file name most file systems take (NAME_MAX), in bytes. */
const NAME_MAX_BYTES = 255;

/**
 * Why `path` cannot be a folder below another one, or null when it can. Empty or `.`
 * segments in the middle are harmless (joining folds them away); a path made only of
 * them names the parent itself.
 */
export function subPathProblem(path: string): string | null {
  if (path.includes('\0')) return 'it holds a NUL byte, which no file name can';
  if (path.startsWith('/')) return 'it is absolute, so it would leave the parent folder';
  const segments = path.split('/');
  if (segments.every((segment) => segment === '' || segment === '.')) return 'it is empty (or only "." and "/"), so the job would write straight into the parent folder';
  for (const segment of segments) {
    if (segment === '..') return 'it has a ".." segment, which climbs out of the parent folder';
    const bytes = Buffer.byteLength(segment);
    if (bytes > NAME_MAX_BYTES) return `its segment "${segment.slice(0, 40)}..." is ${bytes} bytes, more than the ${NAME_MAX_BYTES} a file name can hold`;
  }
  return null;
}

/**
 * Checks a rendered path that must stay below its parent folder (a job's subfolder in
 * its sweep folder, the snapshot folder in a job's folder) and returns it unchanged.
 * Throws `OutputPathError` naming the setting, the template, the value and the fix.
 */
export function checkSubPath(path: string, field: string, template: string, context: string): string {
  const problem = subPathProblem(path);
  if (problem === null) return path;
  const shown = redactText(path);
  throw new OutputPathError(
    field,
    template,
    shown,
    `${field} ${JSON.stringify(template)} renders to ${JSON.stringify(shown)}${redactText(context)}, and ${problem}. ` +
      'A job folder must stay inside its sweep (or run) folder: give the job a non-empty name without "..", a leading "/" or NUL, ' +
      `leave such values out of the folder name (hydra.job.config.override_dirname.exclude_keys), or change ${field}.`,
  );
}

/**
 * Checks a value a job controls (its name, its override dirname, a config value) before it
 * goes into a run or sweep folder template, where the template author's own `..` or
 * absolute prefix are fine but a value's are not.
 */
export function checkPathValue(value: string, key: string, template: string): string {
  let problem: string | null = null;
  if (value.includes('\0')) problem = 'holds a NUL byte';
  else if (value.startsWith('/')) problem = 'is an absolute path';
  else if (value.split('/').includes('..')) problem = 'has a ".." segment';
  if (problem === null) return value;
  const shown = redactText(value);
  throw new OutputPathError(
    key,
    template,
    shown,
    `The path template ${JSON.stringify(template)} takes ${key} = ${JSON.stringify(shown)}, which ${problem}: ` +
      'the folder would land outside where the template puts it. Rename the job, leave the key out of the folder name ' +
      '(hydra.job.config.override_dirname.exclude_keys), or remove the interpolation from the template.',
  );
}

/** Checks a rendered run or sweep folder: it may be absolute or climb, but not be empty or hold NUL. */
export function checkLaunchPath(path: string, field: string, template: string): string {
  const problem = path.includes('\0') ? 'it holds a NUL byte, which no file name can' : path.trim() === '' ? 'it is empty, so the launch would write into the working directory itself' : null;
  if (problem === null) return path;
  throw new OutputPathError(field, template, path, `${field} ${JSON.stringify(template)} renders to ${JSON.stringify(path)}, and ${problem}. Set ${field} to a folder such as "logs/runs/\${now:%Y-%m-%d}/\${now:%H-%M-%S}".`);
}
