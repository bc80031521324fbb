import { escapeSpecialCharacters, formatHydraValue, quoteString } from './hydra-format.js';
import { keyElementOf } from './key-element-of.js';
import { OverrideValueError } from './override-value-error.js';
import { primitiveFromTokens } from './primitive.js';
import { pythonSorted } from './python-semantics.js';
import { formatPythonFloat } from './python-float.js';
import { Tok, tokenizeOverride } from './tokenize-override.js';
import type { TokKind } from './tokenize-override.js';
import type { DictKey, ItemValue, NumberElement, Override, OverrideValue } from './types.js';

const PRIMITIVE_KINDS: ReadonlySet<TokKind> = new Set<TokKind>([
  Tok.ID, Tok.NULL, Tok.INT, Tok.FLOAT, Tok.BOOL, Tok.INTERPOLATION, Tok.UNQUOTED_CHAR, Tok.COLON, Tok.ESC, Tok.WS,
]);
const CAST_OF_KIND: Readonly<Record<string, string>> = { int: 'int', float: 'float', bool: 'bool', string: 'str' };

/** True when `escaped` lexes back, as a whole value, to the unquoted string `value`. */
function readsBackAs(escaped: string, value: string): boolean {
  try {
    const tokens = tokenizeOverride(`x=${escaped}`);
    if (tokens.length <= 3) return false;
    for (let i = 2; i < tokens.length - 1; i++) if (!PRIMITIVE_KINDS.has(tokens.kind(i))) return false;
    const parsed = primitiveFromTokens(`x=${escaped}`, tokens, 2, tokens.length - 1);
    return parsed.kind === 'string' && parsed.value === value;
  } catch {
    return false;
  }
}

function renderString(value: string, topLevel: boolean): string {
  if (value === '' && topLevel) return '';
  const escaped = escapeSpecialCharacters(value);
  if (value !== '' && readsBackAs(escaped, value)) return escaped;
  // Text that would read back as another type (`1`, `true`) or that unquoted
  // strings cannot hold (`'`, non-ASCII): str() of a quoted string gives it back unquoted.
  return `str(${quoteString(value, "'")})`;
}

function renderNumber(n: NumberElement): string {
  return n.kind === 'int' ? n.value.toString() : formatPythonFloat(n.value);
}

function renderKey(key: DictKey): string {
  if (key.kind !== 'string') return formatHydraValue(key);
  const escaped = escapeSpecialCharacters(key.value);
  if (key.quote === null && key.value !== '' && readsBackAs(escaped, key.value)) return escaped;
  throw new OverrideValueError(`the dict key ${JSON.stringify(key.value)} cannot be written in override syntax; dict keys must be plain unquoted text`);
}

function renderItem(value: ItemValue, topLevel: boolean): string {
  switch (value.kind) {
    case 'string':
      return value.quote === null ? renderString(value.value, topLevel) : quoteString(value.value, value.quote);
    case 'list':
      return `[${value.items.map((item) => renderItem(item, false)).join(',')}]`;
    case 'dict':
      return `{${value.entries.map(([k, v]) => `${renderKey(k)}:${renderItem(v, false)}`).join(',')}}`;
    case 'choice':
    case 'range':
    case 'interval':
    case 'glob':
      return renderSweep(value, false);
    default:
      return formatHydraValue(value);
  }
}

function withTags(body: string, tags: readonly string[]): string {
  return tags.length === 0 ? body : `tag(${tags.map((t) => renderString(t, false)).join(',')},${body})`;
}

function renderSweep(value: OverrideValue, topLevel: boolean): string {
  switch (value.kind) {
    case 'choice': {
      const simple = value.simpleForm && value.items.length >= 2;
      const items = value.items.map((item) => (simple ? renderItem(item, false) : renderArg(item)));
      let body: string;
      if (value.simpleForm && value.shuffle && value.items.length === 0) body = 'shuffle()';
      else if (simple && value.shuffle) body = `shuffle(${items.join(',')})`;
      else if (simple) body = topLevel && value.tags.length === 0 ? items.join(',') : simpleFormCall(value.items, items);
      else body = value.shuffle ? `shuffle(choice(${items.join(',')}))` : `choice(${items.join(',')})`;
      return withTags(body, value.tags);
    }
    case 'range': {
      const body = `range(${renderNumber(value.start)},${renderNumber(value.stop)},${renderNumber(value.step)})`;
      return withTags(value.shuffle ? `shuffle(${body})` : body, value.tags);
    }
    case 'interval': {
      const body = `interval(${renderNumber(value.start)},${renderNumber(value.end)})`;
      return withTags(value.start.kind === 'int' ? `int(${body})` : body, value.tags);
    }
    case 'glob': {
      const list = (xs: readonly string[]): string => `[${xs.map((x) => renderString(x, false)).join(',')}]`;
      return `glob(${list(value.include)},exclude=${list(value.exclude)})`;
    }
    default:
      return renderItem(value, topLevel);
  }
}

/**
 * A simple-form choice that cannot be written as `a,b` (it is tagged or nested):
 * a cast of several same-typed values, or sort() of values already in order,
 * yields a simple-form choice in order. Anything else is written as choice()
 * (the simple form is then lost; Hydra offers no way to write it).
 */
function simpleFormCall(items: readonly ItemValue[], rendered: readonly string[]): string {
  const kinds = new Set(items.map((item) => (item.kind === 'string' && item.quote !== null ? 'quoted' : item.kind)));
  const only = kinds.size === 1 ? [...kinds][0] : undefined;
  const cast = only === undefined ? undefined : CAST_OF_KIND[only];
  if (cast !== undefined) return `${cast}(${items.map(renderArg).join(',')})`;
  // sort() keeps a simple form; usable when the order is already sorted (Python's sort is stable).
  try {
    const sorted = pythonSorted(items, false);
    if (sorted.every((item, i) => item === items[i])) return `sort(${items.map(renderArg).join(',')})`;
  } catch {
    // Values Python cannot order: fall through.
  }
  return `choice(${rendered.join(',')})`;
}

/** A function argument: quotes are dropped by the parser, so strings go unquoted or via str('...'). */
function renderArg(value: ItemValue): string {
  return value.kind === 'string' ? renderString(value.value, false) : renderItem(value, false);
}

/**
 * Text for a value that parses back to the same value (`parseOverride('k=' + renderValue(v)).value` equals `v`).
 * Unlike {@link formatHydraValue} it quotes strings that would otherwise read back as another type.
 */
export function renderValue(value: OverrideValue): string {
  return renderSweep(value, true);
}

/** Writes an override back as text that re-parses to the same override. */
export function renderOverride(override: Override): string {
  const head = keyElementOf(override);
  return override.value === null ? head : `${head}=${renderValue(override.value)}`;
}
