import { ParseFailure } from './parse-failure.js';
import { Tok } from './tokenize-override.js';
import type { TokenList } from './tokenize-override.js';
import type { DictKey, StringElement } from './types.js';

/** Parses Python float literal text the grammar accepted (`1_0.5`, `.5`, `5.`, `-inf`, `NaN`). */
export function floatFromLiteral(text: string): number {
  if (!text.includes('_')) {
    const direct = Number(text);
    if (!Number.isNaN(direct)) return direct;
  }
  const lower = text.toLowerCase();
  const unsigned = lower.replace(/^[+-]/, '');
  const negative = lower.startsWith('-');
  if (unsigned === 'inf' || unsigned === 'infinity') return negative ? -Infinity : Infinity;
  if (unsigned === 'nan') return NaN;
  return Number(lower.replaceAll('_', ''));
}

/** Parses int literal text the grammar accepted (`-1_000`, `+5`) exactly. */
export function intFromLiteral(text: string): bigint {
  if (text.length < 16 && !text.includes('_')) return BigInt(Number(text));
  const clean = text.replaceAll('_', '');
  return BigInt(clean.startsWith('+') ? clean.slice(1) : clean);
}

/** Removes quote escapes the way Hydra does: only backslash runs right before a quote are halved. */
export function unescapeQuoted(token: string): string {
  const quote = token[0] as string;
  const body = token.slice(1, -1);
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    let j = i;
    while (j < body.length && body[j] === '\\') j++;
    const run = j - i;
    if (j === body.length) {
      // Backslashes before the closing quote: the grammar guarantees an even run.
      out += '\\'.repeat(Math.floor(run / 2));
    } else if (body[j] === quote) {
      out += '\\'.repeat(Math.floor(run / 2)) + quote;
      j++;
    } else {
      out += '\\'.repeat(run);
    }
    i = j;
  }
  return out;
}

/** The value of a primitive: a run of tokens (Hydra's `primitive` / `dictKey` rules). */
export function primitiveFromTokens(text: string, tokens: TokenList, from: number, to: number): DictKey {
  let first = from;
  let last = to;
  if (tokens.kind(first) === Tok.WS) {
    if (to - from === 1) {
      throw new ParseFailure(tokens.start(first), 'a value cannot be only whitespace; quote it (\' \') to keep blanks');
    }
    first++;
  }
  if (tokens.kind(last - 1) === Tok.WS) last--;
  if (last - first > 1) {
    let value = '';
    for (let i = first; i < last; i++) {
      const raw = text.slice(tokens.start(i), tokens.end(i));
      value += tokens.kind(i) === Tok.ESC ? unescapeEsc(raw) : raw;
    }
    return str(value);
  }
  const start = tokens.start(first);
  const end = tokens.end(first);
  // NULL, BOOL and short INT tokens are read from the input without slicing it: a large
  // value holds one such token per item, and each slice was a string made only to be dropped.
  switch (tokens.kind(first)) {
    case Tok.QUOTED_VALUE: {
      const raw = text.slice(start, end);
      return { kind: 'string', value: unescapeQuoted(raw), quote: raw[0] as "'" | '"' };
    }
    case Tok.INT:
      return { kind: 'int', value: intFromRange(text, start, end) };
    case Tok.FLOAT:
      return { kind: 'float', value: floatFromLiteral(text.slice(start, end)) };
    case Tok.NULL:
      return { kind: 'null' };
    case Tok.BOOL:
      // The token is `true` or `false` in any case.
      return { kind: 'bool', value: (text.charCodeAt(start) | 0x20) === 116 };
    case Tok.ESC:
      return str(unescapeEsc(text.slice(start, end)));
    default:
      return str(text.slice(start, end));
  }
}

/** The INT token over `[start, end)`: digits of a short literal summed in place, else {@link intFromLiteral}. */
function intFromRange(text: string, start: number, end: number): bigint {
  // Up to 15 digits stay exact in a double.
  if (end - start > 15) return intFromLiteral(text.slice(start, end));
  let i = start;
  const sign = text.charCodeAt(i);
  if (sign === 43 || sign === 45) i++;
  let n = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return intFromLiteral(text.slice(start, end));
    n = n * 10 + digit;
  }
  return BigInt(sign === 45 ? -n : n);
}

function str(value: string): StringElement {
  return { kind: 'string', value, quote: null };
}

/** `\,\ ` becomes `, `: every other character of an ESC token. */
function unescapeEsc(raw: string): string {
  let out = '';
  for (let i = 1; i < raw.length; i += 2) out += raw[i];
  return out;
}
