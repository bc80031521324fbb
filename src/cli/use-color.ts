import { styleText } from 'node:util';

/** A text painter: real colours when enabled, the text unchanged otherwise. */
export type Paint = (style: 'red' | 'green' | 'yellow' | 'dim' | 'bold' | 'cyan', text: string) => string;

/**
 * Colour follows the usual conventions: FORCE_COLOR (not '0') forces it on, NO_COLOR (any
 * non-empty value) turns it off, otherwise only a terminal gets it.
 */
export function useColor(env: Readonly<Record<string, string | undefined>>, isTty: boolean): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' ) return force !== '0' && force !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return isTty;
}

/**
 * A painter for the chosen colour mode (node:util's styleText, no escape codes of our own).
 * `validateStream: false`: the choice is made above; styleText's own check reads Node's colour
 * depth, which is 2 colours whenever a `CI` variable is set, and would drop FORCE_COLOR there.
 */
export function createPaint(enabled: boolean): Paint {
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}
