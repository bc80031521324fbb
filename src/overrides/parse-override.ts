import { DictKeyIndex } from './dict-key-index.js';
import { evaluateFunction } from './grammar-functions.js';
import { OverrideParseError } from './override-parse-error.js';
import { ParseFailure } from './parse-failure.js';
import { primitiveFromTokens } from './primitive.js';
import { PythonTypeError } from './python-semantics.js';
import { Tok, tokenizeOverride } from './tokenize-override.js';
import type { TokenList, TokKind } from './tokenize-override.js';
import type { DictKey, ItemValue, Override, OverrideKind, OverrideValue, ParseOptions } from './types.js';

// Token kinds as bit sets (kinds are small integers): a membership test per token is a
// shift, not a hash lookup, which shows on values with hundreds of thousands of tokens.
const PRIMITIVE_TOKENS = kinds(Tok.ID, Tok.NULL, Tok.INT, Tok.FLOAT, Tok.BOOL, Tok.INTERPOLATION, Tok.UNQUOTED_CHAR, Tok.COLON, Tok.ESC, Tok.WS);
const DICT_KEY_TOKENS = kinds(Tok.ID, Tok.NULL, Tok.INT, Tok.FLOAT, Tok.BOOL, Tok.UNQUOTED_CHAR, Tok.ESC, Tok.WS);
const PACKAGE_TOKENS = kinds(Tok.ID, Tok.KEY_SPECIAL, Tok.DOT_PATH);

function kinds(...members: TokKind[]): number {
  return members.reduce<number>((set, kind) => set | (1 << kind), 0);
}

function isIn(set: number, kind: TokKind): boolean {
  return ((set >>> kind) & 1) === 1;
}

/**
 * Returned (not thrown) by parser methods once `failure` is set: unwinding a
 * deep parse by `throw` costs V8 far more than parsing, and rejected command
 * lines are as common as accepted ones in a shell history.
 */
const FAILED = Symbol('override parse failed');
type Parsed<T> = T | typeof FAILED;

/** Recursive-descent parser over one override's tokens (Hydra 1.3's OverrideParser.g4). */
class OverrideParser {
  private pos = 0;
  failure: ParseFailure | null = null;

  constructor(
    private readonly text: string,
    private readonly tokens: TokenList,
    private readonly options: ParseOptions,
  ) {}

  /** Index of the token `ahead` of the cursor; the last token (EOF) repeats past the end. */
  private at(ahead = 0): number {
    return Math.min(this.pos + ahead, this.tokens.length - 1);
  }

  private peek(ahead = 0): TokKind {
    return this.tokens.kind(this.at(ahead));
  }

  /** Consumes the token at the cursor and returns its index. */
  private next(): number {
    const t = this.pos;
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private slice(t: number): string {
    return this.text.slice(this.tokens.start(t), this.tokens.end(t));
  }

  private fail(t: number, expected: string, hint = ''): typeof FAILED {
    const found = this.tokens.kind(t) === Tok.EOF ? 'the end of the input' : `'${this.slice(t)}'`;
    this.failure = new ParseFailure(this.tokens.start(t), `expected ${expected} but found ${found}${hint}`);
    return FAILED;
  }

  private expect(kind: TokKind, expected: string, hint = ''): Parsed<number> {
    return this.peek() === kind ? this.next() : this.fail(this.at(), expected, hint);
  }

  parse(): Parsed<Override> {
    let kind: OverrideKind = 'change';
    if (this.peek() === Tok.TILDE) {
      kind = 'delete';
      this.next();
    } else if (this.peek() === Tok.PLUS) {
      this.next();
      kind = 'add';
      if (this.peek() === Tok.PLUS) {
        this.next();
        kind = 'force-add';
      }
    }
    const key = this.parseKey();
    if (key === FAILED) return FAILED;
    let value: Parsed<OverrideValue> | null = null;
    if (!(kind === 'delete' && this.peek() === Tok.EOF)) {
      const at = this.peek();
      if (at === Tok.COLON && key.pkg !== null) {
        this.failure = new ParseFailure(this.tokens.start(this.at()), "the '@source:destination' package form is not accepted by Hydra 1.3; write the destination package only (key@destination=VALUE)");
        return FAILED;
      }
      const prefix = kind === 'add' ? '+' : kind === 'force-add' ? '++' : '';
      const hint = kind === 'delete' || at !== Tok.EOF ? '' : ` (write ${prefix}${key.key || 'KEY'}=VALUE)`;
      if (this.expect(Tok.EQUAL, "'='", hint) === FAILED) return FAILED;
      value = this.peek() === Tok.EOF ? { kind: 'string', value: '', quote: null } : this.parseValue();
      if (value === FAILED) return FAILED;
    }
    return { kind, key: key.key, package: key.pkg, value, input: this.text };
  }

  private parseKey(): Parsed<{ key: string; pkg: string | null }> {
    const first = this.tokens.start(this.at());
    let end = first;
    if (this.peek() === Tok.ID && this.peek(1) === Tok.SLASH) {
      this.next();
      while (this.peek() === Tok.SLASH) {
        this.next();
        const id = this.expect(Tok.ID, 'a config group name (letters, digits, _ or -)');
        if (id === FAILED) return FAILED;
        end = this.tokens.end(id);
      }
    } else if (isIn(PACKAGE_TOKENS, this.peek())) {
      end = this.tokens.end(this.next());
    }
    const key = this.text.slice(first, end);
    let pkg: string | null = null;
    if (this.peek() === Tok.AT) {
      this.next();
      pkg = isIn(PACKAGE_TOKENS, this.peek()) ? this.slice(this.next()) : '';
    }
    return { key, pkg };
  }

  private parseValue(): Parsed<OverrideValue> {
    const first = this.parseElement();
    if (first === FAILED) return FAILED;
    let value: OverrideValue = first;
    if (this.peek() === Tok.COMMA) {
      const items: ItemValue[] = [first];
      while (this.peek() === Tok.COMMA) {
        this.next();
        const item = this.parseElement();
        if (item === FAILED) return FAILED;
        items.push(item);
      }
      value = { kind: 'choice', items, simpleForm: true, shuffle: false, tags: [] };
    }
    const end = this.expect(Tok.EOF, 'the end of the value', "; quote the value or escape special characters with '\\'");
    return end === FAILED ? FAILED : value;
  }

  private parseElement(): Parsed<ItemValue> {
    const t = this.peek();
    switch (t) {
      case Tok.BRACKET_OPEN:
        return this.parseList();
      case Tok.BRACE_OPEN:
        return this.parseDict();
      case Tok.QUOTED_VALUE:
        this.next();
        return primitiveFromTokens(this.text, this.tokens, this.pos - 1, this.pos);
      default:
        break;
    }
    if (t === Tok.ID && this.peek(1) === Tok.POPEN) return this.parseFunction();
    if (!isIn(PRIMITIVE_TOKENS, t)) return this.fail(this.at(), 'a value');
    const from = this.pos;
    while (isIn(PRIMITIVE_TOKENS, this.peek())) this.next();
    return primitiveFromTokens(this.text, this.tokens, from, this.pos);
  }

  private parseList(): Parsed<ItemValue> {
    this.next();
    const items: ItemValue[] = [];
    if (this.peek() !== Tok.BRACKET_CLOSE) {
      for (;;) {
        const item = this.parseElement();
        if (item === FAILED) return FAILED;
        items.push(item);
        if (this.peek() !== Tok.COMMA) break;
        this.next();
      }
    }
    return this.expect(Tok.BRACKET_CLOSE, "',' or ']'") === FAILED ? FAILED : { kind: 'list', items };
  }

  private parseDict(): Parsed<ItemValue> {
    this.next();
    const entries: [DictKey, ItemValue][] = [];
    const positions = new DictKeyIndex((position) => (entries[position] as [DictKey, ItemValue])[0]);
    if (this.peek() !== Tok.BRACE_CLOSE) {
      for (;;) {
        const from = this.pos;
        while (isIn(DICT_KEY_TOKENS, this.peek())) this.next();
        if (from === this.pos) return this.fail(this.at(), 'a dict key');
        const key = primitiveFromTokens(this.text, this.tokens, from, this.pos);
        if (this.expect(Tok.COLON, "':' after the dict key") === FAILED) return FAILED;
        const value = this.parseElement();
        if (value === FAILED) return FAILED;
        // Python dicts merge keys that compare equal: first key kept, last value wins.
        const at = positions.positionOf(key, entries.length);
        if (at === entries.length) entries.push([key, value]);
        else entries[at] = [(entries[at] as [DictKey, ItemValue])[0], value];
        if (this.peek() !== Tok.COMMA) break;
        this.next();
      }
    }
    return this.expect(Tok.BRACE_CLOSE, "',' or '}'") === FAILED ? FAILED : { kind: 'dict', entries };
  }

  private parseFunction(): Parsed<ItemValue> {
    const nameTok = this.next();
    this.next();
    const name = this.slice(nameTok);
    const args: ItemValue[] = [];
    const kwargs = new Map<string, ItemValue>();
    if (this.peek() !== Tok.PCLOSE) {
      for (;;) {
        let argName: string | null = null;
        const argTok = this.at();
        if (this.peek() === Tok.ID && this.peek(1) === Tok.EQUAL) {
          argName = this.slice(argTok);
          this.next();
          this.next();
        }
        const raw = this.parseElement();
        if (raw === FAILED) return FAILED;
        // Hydra unquotes top-level function arguments (not the ones nested in lists or dicts).
        const value: ItemValue = raw.kind === 'string' && raw.quote !== null ? { kind: 'string', value: raw.value, quote: null } : raw;
        if (argName !== null) kwargs.set(argName, value);
        else if (kwargs.size > 0) {
          this.failure = new ParseFailure(this.tokens.start(argTok), `positional argument follows keyword argument in ${name}(); put positional arguments first`);
          return FAILED;
        } else args.push(value);
        if (this.peek() !== Tok.COMMA) break;
        this.next();
      }
    }
    const close = this.expect(Tok.PCLOSE, `',' or ')' to close ${name}(`);
    if (close === FAILED) return FAILED;
    try {
      return evaluateFunction({ name, args, kwargs }, this.options);
    } catch (error) {
      if (!(error instanceof PythonTypeError)) throw error;
      const source = this.text.slice(this.tokens.start(nameTok), this.tokens.end(close));
      this.failure = new ParseFailure(this.tokens.start(nameTok), `${error.pythonType} while evaluating '${source}': ${error.message}`, error);
      return FAILED;
    }
  }
}

function toError(text: string, failure: ParseFailure): OverrideParseError {
  return new OverrideParseError(text, failure.column, failure.reason, failure.cause === undefined ? undefined : { cause: failure.cause });
}

/** Parses one Hydra 1.3 override (`key=value`, `+key=v`, `++key=v`, `~key`, `group@pkg=option`, sweeps). */
export function parseOverride(text: string, options: ParseOptions = {}): Override {
  let failure: ParseFailure;
  try {
    const parser = new OverrideParser(text, tokenizeOverride(text), options);
    const parsed = parser.parse();
    if (parsed !== FAILED) return parsed;
    failure = parser.failure ?? new ParseFailure(0, 'the override could not be parsed');
  } catch (error) {
    if (error instanceof ParseFailure) failure = error;
    else {
      const reason = error instanceof RangeError ? 'the value is nested too deeply' : `could not parse the override (${String(error)})`;
      failure = new ParseFailure(0, reason, error);
    }
  }
  throw toError(text, failure);
}

/** Parses a list of overrides in order; the first bad one raises its OverrideParseError. */
export function parseOverrides(list: readonly string[], options: ParseOptions = {}): Override[] {
  return list.map((text) => parseOverride(text, options));
}
