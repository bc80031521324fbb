/**
 * Typed results of parsing a Hydra 1.3 override such as `+db@pkg=mysql` or
 * `model.lr=range(0,1,0.1)`. Plain readonly data: every function that works on
 * them (render, expand, convert) is a separate pure function.
 */

/** `null` / `NULL` (any case). */
export interface NullElement {
  readonly kind: 'null';
}

/** `true` / `False` (any case). Rendered back as Python does: `True` / `False`. */
export interface BoolElement {
  readonly kind: 'bool';
  readonly value: boolean;
}

/**
 * An integer. Python ints are unbounded and Hydra keeps `12345678901234567890`
 * exact, so the value is always a bigint (never rounded through a double).
 */
export interface IntElement {
  readonly kind: 'int';
  readonly value: bigint;
}

/**
 * A float (`1.0`, `1e-4`, `.5`, `inf`, `nan`). Kept apart from ints: `1.0` is a
 * float whose value happens to be integral, and it renders as `1.0`.
 */
export interface FloatElement {
  readonly kind: 'float';
  readonly value: number;
}

/**
 * A string. `quote` is null for an unquoted string (escapes already removed,
 * surrounding whitespace trimmed) and the quote character for a quoted one
 * (escapes of the quote and backslashes before it removed). Interpolations such
 * as `${a.b}` are strings too: resolving them is composition's job.
 */
export interface StringElement {
  readonly kind: 'string';
  readonly value: string;
  readonly quote: null | "'" | '"';
}

/** `[a, 1, [b]]`, possibly empty. */
export interface ListElement {
  readonly kind: 'list';
  readonly items: readonly ItemValue[];
}

/** Dict keys are primitives; Hydra (Python) merges keys that compare equal (`1`, `1.0`, `true`). */
export type DictKey = NullElement | BoolElement | IntElement | FloatElement | StringElement;

/** `{a: 1, b: {c: x}}`, entries in order, later duplicates already merged into the first position. */
export interface DictElement {
  readonly kind: 'dict';
  readonly entries: readonly (readonly [DictKey, ItemValue])[];
}

/** Int or float: the operands of `range()` and `interval()`. */
export type NumberElement = IntElement | FloatElement;

/** Any non-sweep value. */
export type ElementValue =
  | NullElement
  | BoolElement
  | IntElement
  | FloatElement
  | StringElement
  | ListElement
  | DictElement;

/**
 * What a list, dict or choice holds. Hydra accepts a sweep nested in a container
 * (`x=[choice(1,2)]`, `x=a,sort(c,b)`) at parse time and only fails when the
 * value is used; such values are kept, and expansion / conversion reject them.
 */
export type ItemValue = ElementValue | SweepValue;

/** `a,b,c` (simpleForm) or `choice(a,b,c)`, possibly wrapped in `shuffle()` / `tag()` / casts. */
export interface ChoiceSweep {
  readonly kind: 'choice';
  readonly items: readonly ItemValue[];
  /** True for the bare `a,b,c` form: its elements keep their quotes when rendered into a job. */
  readonly simpleForm: boolean;
  /** True under `shuffle(...)`: the order is drawn at expansion time. */
  readonly shuffle: boolean;
  readonly tags: readonly string[];
}

/** `range(start, stop[, step])`, Python semantics (stop excluded; floats accumulate). */
export interface RangeSweep {
  readonly kind: 'range';
  readonly start: NumberElement;
  readonly stop: NumberElement;
  readonly step: NumberElement;
  readonly shuffle: boolean;
  readonly tags: readonly string[];
}

/** `interval(a, b)`: a continuous range for optimising sweepers; the basic sweeper rejects it. */
export interface IntervalSweep {
  readonly kind: 'interval';
  readonly start: NumberElement;
  readonly end: NumberElement;
  readonly tags: readonly string[];
}

/** `glob(include[, exclude])` over the options of a config group, resolved at expansion time. */
export interface GlobSweep {
  readonly kind: 'glob';
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/** Any sweep value. */
export type SweepValue = ChoiceSweep | RangeSweep | IntervalSweep | GlobSweep;

/** What follows the `=`. */
export type OverrideValue = ElementValue | SweepValue;

/**
 * `change` (`a=1`), `add` (`+a=1`), `force-add` (`++a=1`), `delete` (`~a`, `~a=1`).
 */
export type OverrideKind = 'change' | 'add' | 'force-add' | 'delete';

/** One parsed command-line override. */
export interface Override {
  readonly kind: OverrideKind;
  /** Dotted config key (`model.lr`) or config group path (`hydra/launcher`). */
  readonly key: string;
  /** Package after `@`: null when absent, `''` for `key@`, `a:b` kept as written (Hydra 1.0 rename form). */
  readonly package: string | null;
  /** Null only for a delete without a value (`~key`). */
  readonly value: OverrideValue | null;
  /** The text as typed. */
  readonly input: string;
}

/** Options shared by parsing functions. */
export interface ParseOptions {
  /**
   * Random source in [0, 1) used by `shuffle([...])` of a plain list, which Hydra shuffles at parse time.
   * @default Math.random
   */
  readonly random?: () => number;
}
