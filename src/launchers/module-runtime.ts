import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How a module job's child process starts. */
export interface ModuleRuntime {
  readonly node: string;
  readonly worker: string;
  readonly tsxLoader: string | null;
}

// src/launchers and dist/launchers are both two levels below the package root; the worker
// always runs compiled, from dist, so a module job never needs a TS toolchain of ours.
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Finds the worker entry and (from the launch cwd first, then this package) the tsx loader. */
export function resolveModuleRuntime(cwd: string): ModuleRuntime {
  return {
    node: process.execPath,
    worker: join(packageRoot, 'dist', 'job', 'module-worker.js'),
    tsxLoader: findTsxLoader(cwd) ?? findTsxLoader(packageRoot),
  };
}

function findTsxLoader(fromDir: string): string | null {
  try {
    const manifestPath = createRequire(join(fromDir, 'noop.js')).resolve('tsx/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: Record<string, unknown> };
    const entry = manifest.exports?.['.'];
    const relative = typeof entry === 'string' ? entry : './dist/loader.mjs';
    return pathToFileURL(join(dirname(manifestPath), relative)).href;
  } catch {
    return null;
  }
}
