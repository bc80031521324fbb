import { OverrideParseError } from './override-parse-error.js';
import type { Override, ParseOptions } from './types.js';

/** Parses one Hydra override (placeholder until the parser lands). */
export function parseOverride(text: string, _options?: ParseOptions): Override {
  throw new OverrideParseError(text, 0, 'parser not implemented yet');
}

/** Parses a list of overrides in order. */
export function parseOverrides(list: readonly string[], options?: ParseOptions): Override[] {
  return list.map((text) => parseOverride(text, options));
}
