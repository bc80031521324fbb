import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A target split into what to import and which export to take. */
export interface ModuleTarget {
  readonly specifier: string;
  readonly exportName: string;
}

/**
 * True for a `_target_` that names a module (`./launchers/pbs.mjs#pbsLauncher`, `/abs/x.mjs`,
 * `file:...`, `some-package#export`), false for a Hydra class path (`hydra_plugins.x.Launcher`),
 * which the launcher registry maps by name.
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

/** Why a target could not be imported; each loader turns it into its own typed error. */
export type ImportFailure = (tried: string, why: string, cause?: unknown) => Error;

/** What a module target gave: the URL imported and the export it names. */
export interface ImportedTarget {
  readonly url: string;
  readonly exported: unknown;
}

/**
 * Imports a `_target_` (`./file.mjs#export` from `baseDir`, an absolute path or `file:` URL, or
 * `package#export` resolved from `baseDir`) with `import()`, so Node's module cache loads it once
 * per process. Launchers and callbacks share it; `fail` builds the loader's own error.
 */
export async function importModuleTarget(target: string, baseDir: string, fail: ImportFailure): Promise<ImportedTarget> {
  const { specifier, exportName } = parseModuleTarget(target);
  if (specifier === '') throw fail('(nothing)', 'the part before "#" is empty; write "<file or package>#<export>"');
  const url = resolveSpecifier(specifier, resolve(baseDir), fail);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw fail(url, `import() failed: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  const exported = loaded[exportName];
  if (exported === undefined) {
    const names = Object.keys(loaded).filter((name) => name !== 'default');
    throw fail(url, `the module has no export ${JSON.stringify(exportName)} (its exports: ${names.join(', ') || 'none'}${'default' in loaded ? ', default' : ''}); fix the part after "#"`);
  }
  return { url, exported };
}

/** File paths become file URLs; a package is resolved from `baseDir` when CommonJS resolution can, else left to import(). */
function resolveSpecifier(specifier: string, baseDir: string, fail: ImportFailure): string {
  if (specifier.startsWith('file:')) return specifier;
  if (specifier.startsWith('.') || isAbsolute(specifier)) return pathToFileURL(resolve(baseDir, specifier)).href;
  try {
    return pathToFileURL(createRequire(join(baseDir, 'noop.js')).resolve(specifier)).href;
  } catch (error) {
    // ESM-only packages ("exports" with only "import") do not resolve through require; import() still can.
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') {
      throw fail(`package ${JSON.stringify(specifier)} from ${baseDir}`, 'no such package; install it, or write a file path starting with "./"', error);
    }
    return specifier;
  }
}
