import { OverrideValueError } from './override-value-error.js';
import { formatPythonFloat } from './python-float.js';
import type { ItemValue } from './types.js';

const SPECIAL = /[\\()[\]{}:=, \t]/g;

/** Hydra's `escape_special_characters`: a backslash before each of `\()[]{}:=,` space and tab. */
export function escapeSpecialCharacters(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}

/**
 * Hydra's `QuotedString.with_quotes`: wraps text in `quote`, escaping the quote
 * and doubling only the backslashes that precede a quote (or the closing one).
 */
export function quoteString(text: string, quote: "'" | '"'): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === quote) {
      out += `\\${quote}`;
      i++;
      continue;
    }
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] === '\\') j++;
    const run = j - i;
    // A run before a quote or before the end must be doubled to stay literal.
    out += j === text.length || text[j] === quote ? '\\'.repeat(run * 2) : '\\'.repeat(run);
    i = j;
  }
  return `${quote}${out}${quote}`;
}

/**
 * A value written the way Hydra writes it into a job's override
 * (`Override._get_value_element_as_str`): `True`/`False`, Python float repr,
 * unquoted strings escaped, quoted strings re-quoted, `[a,b]`, `{k:v}`.
 * `spaced` puts a space after `,` and `:` as Hydra's `space_after_sep` does.
 */
export function formatHydraValue(value: ItemValue, spaced = false): string {
  switch (value.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'int':
      return value.value.toString();
    case 'float':
      return formatPythonFloat(value.value);
    case 'string':
      return value.quote === null ? escapeSpecialCharacters(value.value) : quoteString(value.value, value.quote);
    case 'list':
      return `[${value.items.map((item) => formatHydraValue(item, spaced)).join(spaced ? ', ' : ',')}]`;
    case 'dict':
      return `{${value.entries
        .map(([k, v]) => `${formatHydraValue(k)}${spaced ? ': ' : ':'}${formatHydraValue(v, spaced)}`)
        .join(spaced ? ', ' : ',')}}`;
    default:
      throw new OverrideValueError(
        `a ${value.kind} sweep nested inside a value cannot be written into a job override; move the sweep to the top level of the override (e.g. x=choice(a,b) rather than x=[choice(a,b)])`,
      );
  }
}
