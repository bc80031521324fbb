/**
 * OmegaConf 2.x interpolation grammar for config strings: text with `${a.b}`,
 * `${.rel}`, `${..up}`, `${a.${b}}` and `${resolver:arg,...}` pieces. `\${` is a
 * literal `${` (an even run of backslashes before `${` halves and interpolates).
 * Pure: parsing only, resolution lives in `resolve-config.ts`.
 */

import { Reader } from './interpolation-reader.js';

export type Segment = { readonly kind: 'text'; readonly text: string } | Interpolation;

/** `${...}` with its source text (kept so a template can be partly resolved). */
export type Interpolation =
  | { readonly kind: 'node'; readonly source: string; readonly dots: number; readonly parts: readonly (readonly Segment[])[] }
  | { readonly kind: 'resolver'; readonly source: string; readonly name: string; readonly args: readonly Arg[] };

/** A resolver argument. `plain` text is typed (null, bool, int, float) unless it mixes in interpolations. */
export type Arg =
  | { readonly kind: 'plain'; readonly parts: readonly Segment[] }
  | { readonly kind: 'quoted'; readonly parts: readonly Segment[] }
  | { readonly kind: 'list'; readonly items: readonly Arg[] }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [Arg, Arg])[] };

const RESOLVER_NAME = /^\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*:/;
const ARG_ESCAPABLE = new Set(['\\', ',', ':', '[', ']', '{', '}', '(', ')', '=', ' ', '\t', "'", '"']);

/** Parses a whole config string into text and interpolation segments. */
export function parseInterpolationString(text: string): Segment[] {
  const r = new Reader(text);
  const out: Segment[] = [];
  let buf = '';
  while (r.pos < text.length) {
    const ch = r.peek();
    if (ch === '\\') {
      let n = 0;
      while (r.peek(n) === '\\') n += 1;
      if (text.startsWith('${', r.pos + n)) {
        buf += '\\'.repeat(Math.floor(n / 2));
        r.pos += n;
        if (n % 2 === 1) {
          buf += '${';
          r.pos += 2;
        }
        continue;
      }
      buf += '\\'.repeat(n);
      r.pos += n;
      continue;
    }
    if (r.startsWith('${')) {
      if (buf !== '') out.push({ kind: 'text', text: buf });
      buf = '';
      out.push(readInterpolation(r));
      continue;
    }
    buf += ch;
    r.pos += 1;
  }
  if (buf !== '') out.push({ kind: 'text', text: buf });
  return out;
}

function readInterpolation(r: Reader): Interpolation {
  const start = r.pos;
  r.pos += 2;
  const name = RESOLVER_NAME.exec(r.text.slice(r.pos));
  if (name !== null) {
    r.pos += name[0].length;
    const args: Arg[] = [];
    r.skipSpace();
    if (r.peek() !== '}') {
      for (;;) {
        args.push(readArg(r, ',}'));
        if (r.peek() === ',') r.pos += 1;
        else break;
      }
    }
    if (r.peek() !== '}') r.fail(`expected '}' to close the resolver call`);
    r.pos += 1;
    return { kind: 'resolver', source: r.text.slice(start, r.pos), name: name[1] as string, args };
  }
  r.skipSpace();
  let dots = 0;
  while (r.peek() === '.') {
    dots += 1;
    r.pos += 1;
  }
  const parts: Segment[][] = [];
  let part: Segment[] = [];
  let buf = '';
  const flush = (): void => {
    if (buf !== '') part.push({ kind: 'text', text: buf });
    buf = '';
  };
  for (;;) {
    const ch = r.peek();
    if (ch === '') r.fail(`missing '}' to close the interpolation`);
    if (r.startsWith('${')) {
      flush();
      part.push(readInterpolation(r));
      continue;
    }
    if (ch === '}' || ch === '.' || ch === '[') {
      flush();
      if (part.length > 0) parts.push(part);
      else if (ch === '.' && parts.length > 0) r.fail('empty key in the interpolation');
      part = [];
      r.pos += 1;
      if (ch === '}') break;
      if (ch === '[') {
        const bracket: Segment[] = [];
        let inner = '';
        while (r.peek() !== ']') {
          if (r.peek() === '') r.fail(`missing ']'`);
          if (r.startsWith('${')) {
            if (inner !== '') bracket.push({ kind: 'text', text: inner });
            inner = '';
            bracket.push(readInterpolation(r));
          } else {
            inner += r.peek();
            r.pos += 1;
          }
        }
        if (inner !== '') bracket.push({ kind: 'text', text: inner });
        r.pos += 1;
        parts.push(bracket);
        if (r.peek() === '.') r.pos += 1;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      r.skipSpace();
      if (r.peek() !== '}') r.fail('unexpected space in the key');
      continue;
    }
    if (ch === '{' || ch === ':' || ch === '$' || ch === ']') r.fail(`unexpected '${ch}' in the key`);
    buf += ch;
    r.pos += 1;
  }
  if (parts.length === 0 && dots === 0) r.fail('empty interpolation');
  return { kind: 'node', source: r.text.slice(start, r.pos), dots, parts };
}

/** Reads one resolver argument, stopping before any character in `stops` at depth 0. */
function readArg(r: Reader, stops: string): Arg {
  r.skipSpace();
  const ch = r.peek();
  let arg: Arg;
  if (ch === '[') {
    r.pos += 1;
    const items: Arg[] = [];
    r.skipSpace();
    if (r.peek() !== ']') {
      for (;;) {
        items.push(readArg(r, ',]'));
        if (r.peek() === ',') r.pos += 1;
        else break;
      }
    }
    if (r.peek() !== ']') r.fail(`expected ']'`);
    r.pos += 1;
    arg = { kind: 'list', items };
  } else if (ch === '{') {
    r.pos += 1;
    const entries: [Arg, Arg][] = [];
    r.skipSpace();
    if (r.peek() !== '}') {
      for (;;) {
        const key = readArg(r, ':');
        if (r.peek() !== ':') r.fail(`expected ':' in a dict argument`);
        r.pos += 1;
        entries.push([key, readArg(r, ',}')]);
        if (r.peek() === ',') r.pos += 1;
        else break;
      }
    }
    if (r.peek() !== '}') r.fail(`expected '}' to close a dict argument`);
    r.pos += 1;
    arg = { kind: 'dict', entries };
  } else if (ch === "'" || ch === '"') {
    arg = readQuoted(r, ch);
  } else {
    arg = readPlain(r, stops);
  }
  r.skipSpace();
  return arg;
}

function readQuoted(r: Reader, quote: string): Arg {
  r.pos += 1;
  const parts: Segment[] = [];
  let buf = '';
  for (;;) {
    const ch = r.peek();
    if (ch === '') r.fail(`missing closing ${quote}`);
    if (ch === '\\' && (r.peek(1) === quote || r.peek(1) === '\\')) {
      buf += r.peek(1);
      r.pos += 2;
      continue;
    }
    if (ch === '\\' && r.text.startsWith('${', r.pos + 1)) {
      buf += '${';
      r.pos += 3;
      continue;
    }
    if (ch === quote) {
      r.pos += 1;
      break;
    }
    if (r.startsWith('${')) {
      if (buf !== '') parts.push({ kind: 'text', text: buf });
      buf = '';
      parts.push(readInterpolation(r));
      continue;
    }
    buf += ch;
    r.pos += 1;
  }
  if (buf !== '') parts.push({ kind: 'text', text: buf });
  return { kind: 'quoted', parts };
}

function readPlain(r: Reader, stops: string): Arg {
  const parts: Segment[] = [];
  let buf = '';
  for (;;) {
    const ch = r.peek();
    if (ch === '' || stops.includes(ch)) break;
    if (ch === '\\' && ARG_ESCAPABLE.has(r.peek(1))) {
      buf += r.peek(1);
      r.pos += 2;
      continue;
    }
    if (r.startsWith('${')) {
      if (buf !== '') parts.push({ kind: 'text', text: buf });
      buf = '';
      parts.push(readInterpolation(r));
      continue;
    }
    if (ch === '[' || ch === ']' || ch === '{' || ch === '}' || ch === "'" || ch === '"') r.fail(`unexpected '${ch}' in a resolver argument (escape it with a backslash)`);
    buf += ch;
    r.pos += 1;
  }
  const trimmed = buf.replace(/[ \t]+$/, '');
  if (trimmed !== '') parts.push({ kind: 'text', text: trimmed });
  return { kind: 'plain', parts };
}

/** Parses a whole string as one resolver argument (what `oc.decode` reads), e.g. `[1, 2, 3]` or `{a: 1}`. */
export function parseArgument(text: string): Arg {
  const r = new Reader(text);
  const arg = readArg(r, '');
  if (r.pos < text.length) r.fail('unexpected text after the value');
  return arg;
}
