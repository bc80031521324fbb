import { floatLength, idLength, intLength, isDigit, isEscapable, isIdPart, isIdStart, isUnquotedChar, scanIntUnsigned, skipWs, wordLength } from './lex-scanners.js';
import { ParseFailure } from './parse-failure.js';

/**
 * Token kinds of Hydra 1.3's OverrideLexer.g4. Key mode yields EQUAL, TILDE,
 * PLUS, AT, COLON, SLASH, ID, KEY_SPECIAL, DOT_PATH; the first `=` switches to
 * value mode for the rest of the input.
 */
export const Tok = {
  EOF: 0,
  EQUAL: 1,
  TILDE: 2,
  PLUS: 3,
  AT: 4,
  COLON: 5,
  SLASH: 6,
  ID: 7,
  KEY_SPECIAL: 8,
  DOT_PATH: 9,
  POPEN: 10,
  COMMA: 11,
  PCLOSE: 12,
  BRACKET_OPEN: 13,
  BRACKET_CLOSE: 14,
  BRACE_OPEN: 15,
  BRACE_CLOSE: 16,
  FLOAT: 17,
  INT: 18,
  BOOL: 19,
  NULL: 20,
  UNQUOTED_CHAR: 21,
  ESC: 22,
  WS: 23,
  QUOTED_VALUE: 24,
  INTERPOLATION: 25,
} as const;

export type TokKind = (typeof Tok)[keyof typeof Tok];

/**
 * The tokens of one override packed in one typed array, three slots each: token i is
 * `kind(i)` over `[start(i), end(i))` of the input. A large value has hundreds of
 * thousands of tokens, and one object each made the garbage collector the largest cost
 * of parsing it; one array (not three) keeps short overrides as cheap as before.
 */
export class TokenList {
  private data: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Int32Array(capacity * 3);
  }

  push(kind: TokKind, start: number, end: number): void {
    let at = this.length * 3;
    if (at === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[at++] = kind;
    this.data[at++] = start;
    this.data[at] = end;
    this.length++;
  }

  kind(i: number): TokKind {
    return this.data[i * 3] as TokKind;
  }

  start(i: number): number {
    return this.data[i * 3 + 1] as number;
  }

  end(i: number): number {
    return this.data[i * 3 + 2] as number;
  }
}

function lexError(text: string, pos: number): ParseFailure {
  const ch = text.slice(pos, pos + 1);
  return new ParseFailure(
    pos,
    `unexpected character '${ch}'; quote the value ('...' or "...") or escape it with a backslash if it is meant literally`,
  );
}

function keyLexError(text: string, pos: number): ParseFailure {
  const ch = text.slice(pos, pos + 1);
  return new ParseFailure(
    pos,
    `unexpected character '${ch}' in the key; a key is letters, digits, '_', '-' and '$' in segments joined by single dots (a.b.0), or a config group path (hydra/launcher), then '='`,
  );
}

/** Splits an override into Hydra's tokens (key mode, then value mode after the first `=`). */
export function tokenizeOverride(text: string): TokenList {
  // Most overrides are short; a long value grows the arrays by doubling.
  const out = new TokenList(Math.min(text.length + 2, 256));
  let pos = 0;
  // Key mode.
  while (pos < text.length) {
    const c = text[pos] as string;
    if (c === '=') {
      const end = skipWs(text, pos + 1);
      out.push(Tok.EQUAL, pos, end);
      pos = end;
      tokenizeValue(text, pos, out);
      return out;
    }
    const single = c === '~' ? Tok.TILDE : c === '+' ? Tok.PLUS : c === '@' ? Tok.AT : c === ':' ? Tok.COLON : c === '/' ? Tok.SLASH : -1;
    if (single !== -1) {
      out.push(single as TokKind, pos, pos + 1);
      pos++;
      continue;
    }
    const end = scanKeyPath(text, pos);
    if (end === pos) throw keyLexError(text, pos);
    out.push(keyTokenKind(text, pos, end), pos, end);
    pos = end;
  }
  out.push(Tok.EOF, pos, pos);
  return out;
}

/** End of one KEY_SPECIAL (`[A-Za-z_$][A-Za-z0-9_$-]*`) or INT_UNSIGNED segment at i, or i. */
function scanKeySegment(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isIdStart(c) || c === 36) {
    let j = i + 1;
    for (;;) {
      const d = text.charCodeAt(j);
      if (isIdPart(d) || d === 36) j++;
      else return j;
    }
  }
  return scanIntUnsigned(text, i);
}

/** Longest DOT_PATH / KEY_SPECIAL / ID at pos; returns pos when nothing matches. */
function scanKeyPath(text: string, pos: number): number {
  const numeric = isDigit(text, pos);
  let segments = 0;
  let end = pos;
  let cursor = pos;
  for (;;) {
    const next = scanKeySegment(text, cursor);
    if (next === cursor) break;
    segments++;
    cursor = next;
    // A lone number is not a key token; a number segment only counts inside a dotted path.
    if (segments > 1 || !numeric) end = cursor;
    if (text.charCodeAt(cursor) !== 46) break;
    cursor++;
  }
  return end;
}

function keyTokenKind(text: string, start: number, end: number): TokKind {
  let special = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) return Tok.DOT_PATH;
    if (c === 36) special = true;
  }
  return special ? Tok.KEY_SPECIAL : Tok.ID;
}

function tokenizeValue(text: string, pos: number, out: TokenList): void {
  const n = text.length;
  // The first '}' at or after some point, found once and reused: searching from every
  // '${' would make a value full of unclosed '${' quadratic.
  let nextClose = -1;
  let closeSearchedFrom = n + 1;
  while (pos < n) {
    const code = text.charCodeAt(pos);
    if (code === 32 || code === 9) {
      const wsEnd = skipWs(text, pos);
      const kind = wsEnd < n ? wsPrefixed(text.charCodeAt(wsEnd)) : -1;
      if (kind === -1) {
        out.push(Tok.WS, pos, wsEnd);
        pos = wsEnd;
      } else {
        pos = pushPunct(text, pos, wsEnd, kind as TokKind, out);
      }
      continue;
    }
    const punct = code === 91 ? Tok.BRACKET_OPEN : code === 123 ? Tok.BRACE_OPEN : wsPrefixed(code);
    if (punct !== -1) {
      pos = pushPunct(text, pos, pos, punct as TokKind, out);
      continue;
    }
    if (code === 39 || code === 34) {
      const end = scanQuoted(text, pos, code === 39 ? "'" : '"');
      if (end < 0) throw new ParseFailure(pos, `unterminated ${code === 39 ? 'single' : 'double'}-quoted string; add the closing ${code === 39 ? "'" : '"'}`);
      out.push(Tok.QUOTED_VALUE, pos, end);
      pos = end;
      continue;
    }
    if (code === 36 && text.charCodeAt(pos + 1) === 123) {
      if (closeSearchedFrom > pos + 2 || (nextClose >= 0 && nextClose < pos + 2)) {
        nextClose = text.indexOf('}', pos + 2);
        closeSearchedFrom = pos + 2;
      }
      const close = nextClose;
      if (close > pos + 2) {
        out.push(Tok.INTERPOLATION, pos, close + 1);
        pos = close + 1;
        continue;
      }
    }
    if (code === 92 && isEscapable(text.charCodeAt(pos + 1))) {
      let end = pos;
      while (text.charCodeAt(end) === 92 && isEscapable(text.charCodeAt(end + 1))) end += 2;
      out.push(Tok.ESC, pos, end);
      pos = end;
      continue;
    }
    // Shortcuts for the commonest words, same result as the longest match below: a letter
    // other than i/n (inf, nan, null) and t/f (true, false) can only start an ID, and
    // digits not followed by '.' or an exponent only an INT.
    const lower = code | 0x20;
    if (isIdStart(code) && lower !== 105 && lower !== 110 && lower !== 116 && lower !== 102) {
      const end = pos + idLength(text, pos);
      out.push(Tok.ID, pos, end);
      pos = end;
      continue;
    }
    if (code >= 48 && code <= 57) {
      const end = scanIntUnsigned(text, pos);
      const after = text.charCodeAt(end) | 0x20;
      if (after !== 46 && after !== 101) {
        out.push(Tok.INT, pos, end);
        pos = end;
        continue;
      }
    }
    // Longest match among FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID (ties: that order).
    let best = floatLength(text, pos);
    let kind: TokKind = Tok.FLOAT;
    const intLen = intLength(text, pos);
    if (intLen > best) {
      best = intLen;
      kind = Tok.INT;
    }
    const word = wordLength(text, pos);
    if (word > best) {
      best = word;
      kind = (code | 0x20) === 110 ? Tok.NULL : Tok.BOOL;
    }
    if (best === 0 && isUnquotedChar(code)) {
      best = 1;
      kind = Tok.UNQUOTED_CHAR;
    }
    const id = idLength(text, pos);
    if (id > best) {
      best = id;
      kind = Tok.ID;
    }
    if (best === 0) throw lexError(text, pos);
    out.push(kind, pos, pos + best);
    pos += best;
  }
  out.push(Tok.EOF, pos, pos);
}

/** Tokens that may start with blanks (`WS? ','` etc.), by the character after the blanks; -1 for none. */
function wsPrefixed(c: number): number {
  switch (c) {
    case 40: return Tok.POPEN;
    case 44: return Tok.COMMA;
    case 41: return Tok.PCLOSE;
    case 93: return Tok.BRACKET_CLOSE;
    case 125: return Tok.BRACE_CLOSE;
    case 58: return Tok.COLON;
    case 61: return Tok.EQUAL;
    default: return -1;
  }
}

/** Pushes a punctuation token starting at `start` whose symbol is at `at`; some absorb trailing blanks. */
function pushPunct(text: string, start: number, at: number, kind: TokKind, out: TokenList): number {
  const trailing = kind === Tok.POPEN || kind === Tok.COMMA || kind === Tok.BRACKET_OPEN || kind === Tok.BRACE_OPEN || kind === Tok.COLON || kind === Tok.EQUAL;
  const end = trailing ? skipWs(text, at + 1) : at + 1;
  out.push(kind, start, end);
  return end;
}

/**
 * End (exclusive) of a quoted value opened at `pos`: the first matching quote
 * preceded by an even run of backslashes; -1 when unterminated.
 */
function scanQuoted(text: string, pos: number, quote: string): number {
  let i = pos + 1;
  for (;;) {
    const q = text.indexOf(quote, i);
    if (q < 0) return -1;
    let run = 0;
    for (let b = q - 1; b > pos && text[b] === '\\'; b--) run++;
    if (run % 2 === 0) return q + 1;
    i = q + 1;
  }
}
