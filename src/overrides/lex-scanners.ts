/**
 * Character-level scanners of Hydra 1.3's OverrideLexer.g4: each returns how
 * far one lexer rule (FLOAT, INT, BOOL/NULL, ID, ...) reaches from a position,
 * so the tokenizer can take ANTLR's longest match without regular expressions.
 */

/** `/-\+.$%*@?|`: the other characters Hydra allows in unquoted strings. */
export function isUnquotedChar(c: number): boolean {
  return c === 47 || c === 45 || c === 92 || c === 43 || c === 46 || c === 36 || c === 37 || c === 42 || c === 64 || c === 63 || c === 124;
}

/** `\()[]{}:=,` space and tab: the characters a backslash escapes. */
export function isEscapable(c: number): boolean {
  return c === 92 || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125 || c === 58 || c === 61 || c === 44 || c === 32 || c === 9;
}

/** True when the character at i is an ASCII digit. */
export function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** `[A-Za-z_]`. */
export function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** `[A-Za-z0-9_-]`. */
export function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57) || c === 45;
}

/** End of `DIGIT ('_'? DIGIT)*` at i, or i when there is no digit. */
export function scanDigits(text: string, i: number): number {
  if (!isDigit(text, i)) return i;
  let j = i + 1;
  for (;;) {
    if (isDigit(text, j)) j++;
    else if (text.charCodeAt(j) === 95 && isDigit(text, j + 1)) j += 2;
    else return j;
  }
}

/** End of INT_UNSIGNED (`'0' | [1-9] ('_'? DIGIT)*`) at i, or i. */
export function scanIntUnsigned(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 48) return i + 1;
  return c >= 49 && c <= 57 ? scanDigits(text, i) : i;
}

/** Case-insensitive match of a lower-case ASCII word at i. */
export function startsWithWord(text: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(i + k) | 0x20;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Length of the longest FLOAT at pos (0 if none). */
export function floatLength(text: string, pos: number): number {
  let p = pos;
  const c = text.charCodeAt(p);
  if (c === 43 || c === 45) p++;
  let end = -1;
  const first = text.charCodeAt(p) | 0x20;
  if ((first === 105 && startsWithWord(text, p, 'inf')) || (first === 110 && startsWithWord(text, p, 'nan'))) end = p + 3;
  const intEnd = scanIntUnsigned(text, p);
  let pointEnd = -1;
  if (text.charCodeAt(intEnd) === 46) {
    const frac = scanDigits(text, intEnd + 1);
    if (frac > intEnd + 1) pointEnd = frac;
    else if (intEnd > p) pointEnd = intEnd + 1;
  }
  const base = pointEnd > 0 ? pointEnd : intEnd > p ? intEnd : -1;
  if (base > 0 && (text.charCodeAt(base) | 0x20) === 101) {
    let q = base + 1;
    const s = text.charCodeAt(q);
    if (s === 43 || s === 45) q++;
    const exp = scanDigits(text, q);
    if (exp > q) end = Math.max(end, exp);
  }
  end = Math.max(end, pointEnd);
  return end > pos ? end - pos : 0;
}

/** Length of the longest INT at pos (0 if none). */
export function intLength(text: string, pos: number): number {
  let p = pos;
  const c = text.charCodeAt(p);
  if (c === 43 || c === 45) p++;
  const end = scanIntUnsigned(text, p);
  return end > p ? end - pos : 0;
}

/** Length of BOOL (`true`/`false`) or NULL at pos, any case (0 if none). */
export function wordLength(text: string, pos: number): number {
  switch (text.charCodeAt(pos) | 0x20) {
    case 116: return startsWithWord(text, pos, 'true') ? 4 : 0;
    case 110: return startsWithWord(text, pos, 'null') ? 4 : 0;
    case 102: return startsWithWord(text, pos, 'false') ? 5 : 0;
    default: return 0;
  }
}

/** Length of an ID at pos (0 if none). */
export function idLength(text: string, pos: number): number {
  if (!isIdStart(text.charCodeAt(pos))) return 0;
  let j = pos + 1;
  while (j < text.length && isIdPart(text.charCodeAt(j))) j++;
  return j - pos;
}

/** A blank of the grammar: space or tab. */
export function isWs(code: number): boolean {
  return code === 32 || code === 9;
}

/** End of the blanks starting at pos. */
export function skipWs(text: string, pos: number): number {
  while (pos < text.length && isWs(text.charCodeAt(pos))) pos++;
  return pos;
}
