import type { ElementValue, Override, OverrideValue } from './types.js';

/** Renders an override back to text (placeholder). */
export function renderOverride(override: Override): string {
  return override.input;
}

/** Renders a value back to text (placeholder). */
export function renderValue(_value: OverrideValue): string {
  return '';
}

/** Renders an element back to text (placeholder). */
export function renderElement(_value: ElementValue): string {
  return '';
}
