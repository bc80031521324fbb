// Public API of the override grammar. Re-exports only.
export type {
  BoolElement,
  ChoiceSweep,
  DictElement,
  DictKey,
  ElementValue,
  FloatElement,
  GlobSweep,
  IntElement,
  IntervalSweep,
  ListElement,
  NullElement,
  NumberElement,
  Override,
  OverrideKind,
  OverrideValue,
  ParseOptions,
  RangeSweep,
  StringElement,
  SweepValue,
} from './types.js';
export { OverrideParseError } from './override-parse-error.js';
export { parseOverride, parseOverrides } from './parse-override.js';
export { renderOverride, renderValue, renderElement } from './render-override.js';
export { toConfigValue, IntegralFloat } from './to-config-value.js';
export type { ConfigValue } from './to-config-value.js';
