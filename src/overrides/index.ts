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
  ItemValue,
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
export { renderOverride, renderValue } from './render-override.js';
export { keyElementOf } from './key-element-of.js';
export { formatHydraValue, escapeSpecialCharacters, quoteString } from './hydra-format.js';
export { OverrideValueError } from './override-value-error.js';
export { formatPythonFloat } from './python-float.js';
export { toConfigValue, dictKeyText, IntegralFloat } from './to-config-value.js';
export type { ConfigValue } from './to-config-value.js';
