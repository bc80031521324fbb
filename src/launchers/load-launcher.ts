import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** A target split into what to import and which export to take. */
export interface ModuleTarget {
  readonly specifier: string;
  readonly exportName: string;
}

/**
 * True for a `_target_` that names a module (`./launchers/pbs.mjs#pbsLauncher`, `/abs/x.mjs`,
 * `file:...`, `some-package#export`), false for a Hydra class path (`hydra_plugins.x.Launcher`),
 * which the registry maps by name.
 */
export function isModuleTarget(target: string): boolean {
  return target.includes('#') || target.startsWith('.') || isAbsolute(target) || target.startsWith('file:');
}

/** Splits `spec#export` (the default export when there is no `#`). Pure. */
export function parseModuleTarget(target: string): ModuleTarget {
  const at = target.lastIndexOf('#');
  const specifier = at < 0 ? target : target.slice(0, at);
  const exportName = at < 0 ? 'default' : target.slice(at + 1);
  return { specifier, exportName: exportName === '' ? 'default' : exportName };
}

/**
 * Loads a launcher a config names by `_target_`: a file relative to `baseDir` (or absolute), or a
 * package resolved from `baseDir`, then `#` and the export (`default` when left out). The module
 * is loaded with `import()`, so Node's module cache makes it once per process; the export must
 * be a `LauncherDefinition` whose schema compiles. The definition comes back answering to
 * `target` as a `_target_`, so `createLauncher(config, { launchers: [it] })` picks it from YAML.
 */
export async function loadLauncher(target: string, options: LoadLauncherOptions = {}): Promise<LauncherDefinition> {
  const { specifier, exportName } = parseModuleTarget(target);
  const baseDir = resolve(options.baseDir ?? process.cwd());
  if (specifier === '') throw new LauncherLoadError(target, '(nothing)', 'the part before "#" is empty; write "<file or package>#<export>", e.g. "./launchers/pbs.mjs#pbsLauncher"');
  const url = resolveSpecifier(target, specifier, baseDir);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new LauncherLoadError(target, url, `import() failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const definition = loaded[exportName];
  if (definition === undefined) {
    const names = Object.keys(loaded).filter((name) => name !== 'default');
    throw new LauncherLoadError(target, url, `the module has no export ${JSON.stringify(exportName)} (its exports: ${names.join(', ') || 'none'}${'default' in loaded ? ', default' : ''}); fix the part after "#"`);
  }
  checkDefinition(target, url, definition);
  try {
    compileChecker(withCommonFields(definition.schema));
  } catch (error) {
    throw new LauncherLoadError(target, url, `its JSON Schema does not compile: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const targets = definition.targets ?? [];
  return targets.includes(target) ? definition : { ...definition, targets: [...targets, target] };
}

/** File paths become file URLs; a package is resolved from `baseDir` when CommonJS resolution can, else left to import(). */
function resolveSpecifier(target: string, specifier: string, baseDir: string): string {
  if (specifier.startsWith('file:')) return specifier;
  if (specifier.startsWith('.') || isAbsolute(specifier)) return pathToFileURL(resolve(baseDir, specifier)).href;
  try {
    return pathToFileURL(createRequire(join(baseDir, 'noop.js')).resolve(specifier)).href;
  } catch (error) {
    // ESM-only packages ("exports" with only "import") do not resolve through require; import() still can.
    if ((error as { code?: string }).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return specifier;
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') {
      throw new LauncherLoadError(target, `package ${JSON.stringify(specifier)} from ${baseDir}`, `no such package; install it, or write a file path starting with "./"`, { cause: error });
    }
    return specifier;
  }
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
