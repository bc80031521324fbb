import { resolve } from 'node:path';
import { importModuleTarget } from '../modules/import-module-target.js';
import { LaunchError } from '../errors.js';
import { compileChecker } from '../schema/compile-validator.js';
import { withCommonFields } from '../schema/with-common-fields.js';
import type { LauncherDefinition } from './launcher-definition.js';

/** Where relative `_target_` paths and package names are resolved from. */
export interface LoadLauncherOptions {
  /** The config folder for a `_target_` from YAML; relative paths start here. @default process.cwd() */
  readonly baseDir?: string;
}

/** A `_target_` that could not be turned into a launcher: names the target, what was tried, and why. */
export class LauncherLoadError extends LaunchError {
  readonly target: string;
  /** The file or package specifier that was imported (or that resolution tried). */
  readonly tried: string;
  constructor(target: string, tried: string, why: string, options?: { cause?: unknown }) {
    super('ERR_LAUNCHER_LOAD', `Cannot load launcher _target_ ${JSON.stringify(target)} (tried ${tried}): ${why}`, options);
    this.target = target;
    this.tried = tried;
  }
}

/**
 * Loads a launcher a config names by `_target_`: a file relative to `baseDir` (or absolute), or a
 * package resolved from `baseDir`, then `#` and the export (`default` when left out). The module
 * is loaded with `import()`, so Node's module cache makes it once per process; the export must
 * be a `LauncherDefinition` whose schema compiles. The definition comes back answering to
 * `target` as a `_target_`, so `createLauncher(config, { launchers: [it] })` picks it from YAML.
 */
export async function loadLauncher(target: string, options: LoadLauncherOptions = {}): Promise<LauncherDefinition> {
  const baseDir = resolve(options.baseDir ?? process.cwd());
  const fail = (tried: string, why: string, cause?: unknown): Error => new LauncherLoadError(target, tried, why, cause === undefined ? undefined : { cause });
  const { url, exported: definition } = await importModuleTarget(target, baseDir, fail);
  checkDefinition(target, url, definition);
  try {
    compileChecker(withCommonFields(definition.schema));
  } catch (error) {
    throw new LauncherLoadError(target, url, `its JSON Schema does not compile: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const targets = definition.targets ?? [];
  return targets.includes(target) ? definition : { ...definition, targets: [...targets, target] };
}

function checkDefinition(target: string, url: string, value: unknown): asserts value is LauncherDefinition {
  const problem = definitionProblem(value);
  if (problem !== null) throw new LauncherLoadError(target, url, `the export is not a launcher definition: ${problem}. Export { name, schema, createBackend } (see docs/extending.md)`);
}

function definitionProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return `got ${value === null ? 'null' : typeof value}`;
  const record = value as Record<string, unknown>;
  if (typeof record['name'] !== 'string' || !/^[a-z][a-z0-9_-]*$/.test(record['name'])) return `"name" must be a lower-case launcher name, got ${JSON.stringify(record['name'])}`;
  if (typeof record['schema'] !== 'object' || record['schema'] === null) return '"schema" must be a JSON Schema object';
  if (typeof record['createBackend'] !== 'function') return '"createBackend" must be a function';
  if (record['targets'] !== undefined && !(Array.isArray(record['targets']) && record['targets'].every((t) => typeof t === 'string'))) return '"targets" must be a list of strings';
  return null;
}
