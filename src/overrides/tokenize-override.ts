import { OverrideParseError } from './override-parse-error.js';

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

/** One token: kind and [start, end) offsets into the input. */
export interface Token {
  readonly kind: TokKind;
  readonly start: number;
  readonly end: number;
}

const TOKEN_NAMES: readonly string[] = Object.keys(Tok);

/** Grammar name of a token kind, for error messages. */
export function tokenName(kind: TokKind): string {
  return TOKEN_NAMES[kind] ?? String(kind);
}

// Longest-match candidates of the value lexer. Alternatives are ordered so the
// first regex match is also the longest one.
const INT_U = '(?:0|[1-9](?:_?[0-9])*)';
const POINT = `(?:${INT_U}?\\.[0-9](?:_?[0-9])*|${INT_U}\\.)`;
const EXP = `(?:${POINT}|${INT_U})[eE][+-]?[0-9](?:_?[0-9])*`;
const FLOAT_RE = new RegExp(`[+-]?(?:${EXP}|${POINT}|[iI][nN][fF]|[nN][aA][nN])`, 'y');
const INT_RE = new RegExp(`[+-]?${INT_U}`, 'y');
const ID_RE = /[A-Za-z_][A-Za-z0-9_-]*/y;
const KEY_SEGMENT_RE = /[A-Za-z_$][A-Za-z0-9_$-]*|0|[1-9](?:_?[0-9])*/y;
const BOOL_NULL_RE = /true|false|null/iy;
const UNQUOTED = '/-\\+.$%*@?|';
const ESCAPABLE = '\\()[]{}:=, \t';

function matchLen(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  return re.test(text) ? re.lastIndex - pos : 0;
}

function isWs(code: number): boolean {
  return code === 32 || code === 9;
}

function skipWs(text: string, pos: number): number {
  while (pos < text.length && isWs(text.charCodeAt(pos))) pos++;
  return pos;
}

function lexError(text: string, pos: number): OverrideParseError {
  const ch = text.slice(pos, pos + 1);
  return new OverrideParseError(
    text,
    pos,
    `unexpected character '${ch}'; quote the value ('...' or "...") or escape it with a backslash if it is meant literally`,
  );
}

/** Splits an override into Hydra's tokens (key mode, then value mode after the first `=`). */
export function tokenizeOverride(text: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  // Key mode.
  while (pos < text.length) {
    const c = text[pos] as string;
    if (c === '=') {
      const end = skipWs(text, pos + 1);
      out.push({ kind: Tok.EQUAL, start: pos, end });
      pos = end;
      tokenizeValue(text, pos, out);
      return out;
    }
    const single = c === '~' ? Tok.TILDE : c === '+' ? Tok.PLUS : c === '@' ? Tok.AT : c === ':' ? Tok.COLON : c === '/' ? Tok.SLASH : -1;
    if (single !== -1) {
      out.push({ kind: single as TokKind, start: pos, end: pos + 1 });
      pos++;
      continue;
    }
    const end = scanKeyPath(text, pos);
    if (end === pos) throw lexError(text, pos);
    out.push({ kind: keyTokenKind(text, pos, end), start: pos, end });
    pos = end;
  }
  out.push({ kind: Tok.EOF, start: pos, end: pos });
  return out;
}

/** Longest DOT_PATH / KEY_SPECIAL / ID at pos; returns pos when nothing matches. */
function scanKeyPath(text: string, pos: number): number {
  let segments = 0;
  let end = pos;
  let cursor = pos;
  for (;;) {
    const len = matchLen(KEY_SEGMENT_RE, text, cursor);
    if (len === 0) break;
    segments++;
    cursor += len;
    // A lone number is not a key token; a number segment only counts inside a dotted path.
    if (segments > 1 || !/[0-9]/.test(text[pos] as string)) end = cursor;
    if (text[cursor] !== '.') break;
    cursor++;
  }
  if (segments === 1 && /[0-9]/.test(text[pos] as string)) return pos;
  return end;
}

function keyTokenKind(text: string, start: number, end: number): TokKind {
  const slice = text.slice(start, end);
  if (slice.includes('.')) return Tok.DOT_PATH;
  return slice.includes('$') ? Tok.KEY_SPECIAL : Tok.ID;
}

function tokenizeValue(text: string, pos: number, out: Token[]): void {
  const n = text.length;
  while (pos < n) {
    const c = text[pos] as string;
    const code = text.charCodeAt(pos);
    if (isWs(code)) {
      const wsEnd = skipWs(text, pos);
      const next = text[wsEnd];
      const kind = next === undefined ? -1 : wsPrefixed(next);
      if (kind === -1) {
        out.push({ kind: Tok.WS, start: pos, end: wsEnd });
        pos = wsEnd;
      } else {
        pos = pushPunct(text, pos, wsEnd, kind as TokKind, out);
      }
      continue;
    }
    const punct = punctKind(c);
    if (punct !== -1) {
      pos = pushPunct(text, pos, pos, punct as TokKind, out);
      continue;
    }
    if (c === "'" || c === '"') {
      const end = scanQuoted(text, pos, c);
      if (end < 0) throw new OverrideParseError(text, pos, `unterminated ${c === "'" ? 'single' : 'double'}-quoted string; add the closing ${c}`);
      out.push({ kind: Tok.QUOTED_VALUE, start: pos, end });
      pos = end;
      continue;
    }
    if (c === '$' && text[pos + 1] === '{') {
      const close = text.indexOf('}', pos + 2);
      if (close > pos + 2) {
        out.push({ kind: Tok.INTERPOLATION, start: pos, end: close + 1 });
        pos = close + 1;
        continue;
      }
    }
    if (c === '\\' && pos + 1 < n && ESCAPABLE.includes(text[pos + 1] as string)) {
      let end = pos;
      while (end + 1 < n && text[end] === '\\' && ESCAPABLE.includes(text[end + 1] as string)) end += 2;
      out.push({ kind: Tok.ESC, start: pos, end });
      pos = end;
      continue;
    }
    // Longest match among FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID (ties: that order).
    let best = 0;
    let kind: TokKind = Tok.EOF;
    const take = (len: number, k: TokKind): void => {
      if (len > best) {
        best = len;
        kind = k;
      }
    };
    take(matchLen(FLOAT_RE, text, pos), Tok.FLOAT);
    take(matchLen(INT_RE, text, pos), Tok.INT);
    const word = matchLen(BOOL_NULL_RE, text, pos);
    if (word > 0) take(word, (c === 'n' || c === 'N') ? Tok.NULL : Tok.BOOL);
    if (UNQUOTED.includes(c)) take(1, Tok.UNQUOTED_CHAR);
    take(matchLen(ID_RE, text, pos), Tok.ID);
    if (best === 0) throw lexError(text, pos);
    out.push({ kind, start: pos, end: pos + best });
    pos += best;
  }
  out.push({ kind: Tok.EOF, start: pos, end: pos });
}

function wsPrefixed(c: string): number {
  switch (c) {
    case '(': return Tok.POPEN;
    case ',': return Tok.COMMA;
    case ')': return Tok.PCLOSE;
    case ']': return Tok.BRACKET_CLOSE;
    case '}': return Tok.BRACE_CLOSE;
    case ':': return Tok.COLON;
    case '=': return Tok.EQUAL;
    default: return -1;
  }
}

function punctKind(c: string): number {
  switch (c) {
    case '[': return Tok.BRACKET_OPEN;
    case '{': return Tok.BRACE_OPEN;
    default: return wsPrefixed(c);
  }
}

/** Pushes a punctuation token starting at `start` whose symbol is at `at`; some absorb trailing blanks. */
function pushPunct(text: string, start: number, at: number, kind: TokKind, out: Token[]): number {
  const trailing = kind === Tok.POPEN || kind === Tok.COMMA || kind === Tok.BRACKET_OPEN || kind === Tok.BRACE_OPEN || kind === Tok.COLON || kind === Tok.EQUAL;
  const end = trailing ? skipWs(text, at + 1) : at + 1;
  out.push({ kind, start, end });
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
