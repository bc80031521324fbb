import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/**
 * Loads a JSON Schema shipped in the package's `schemas/` folder. `src/schema` and
 * `dist/schema` sit at the same depth, so one relative path serves both.
 */
export function loadSchema(fileName: string): object {
  return requireFromHere(`../../schemas/${fileName}`) as object;
}
