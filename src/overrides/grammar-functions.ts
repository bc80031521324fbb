import { castValue } from './cast-value.js';
import type { CastName } from './cast-value.js';
import { bindArguments } from './bind-arguments.js';
import type { Signature } from './bind-arguments.js';
import { PythonTypeError, absNumber, addNumbers, compareNumbers, negateNumber, pythonSorted } from './python-semantics.js';
import type { ChoiceSweep, ItemValue, NumberElement, ParseOptions, RangeSweep, SweepValue } from './types.js';
import { shuffled } from './shuffled.js';

/** A function call as parsed: positional and keyword arguments (top-level quotes already removed). */
export interface FunctionCall {
  readonly name: string;
  readonly args: readonly ItemValue[];
  readonly kwargs: ReadonlyMap<string, ItemValue>;
}

const isNumber = (v: ItemValue): boolean => v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
const isElement = (v: ItemValue): boolean => v.kind === 'string' || v.kind === 'list' || v.kind === 'dict' || isNumber(v);
const isSweep = (v: ItemValue): boolean => v.kind === 'choice' || v.kind === 'range' || v.kind === 'interval';
const isStrOrList = (v: ItemValue): boolean => v.kind === 'string' || v.kind === 'list';
const castable = (v: ItemValue): boolean => v.kind !== 'glob';

const SIGNATURES: Readonly<Record<string, Signature>> = {
  bool: { params: [], varArgs: 'Union[str, int, float, bool, List, Dict, Sweep]', varCheck: castable, keywordOnly: { value: castable } },
  choice: {
    params: [],
    varArgs: 'Union[str, int, float, bool, Dict[Any, Any], List[Any], ChoiceSweep]',
    varCheck: (v) => isElement(v) || v.kind === 'choice',
    keywordOnly: {},
  },
  float: { params: [], varArgs: 'Union[str, int, float, bool, List, Dict, Sweep]', varCheck: castable, keywordOnly: { value: castable } },
  glob: {
    params: [
      { name: 'include', required: true, check: isStrOrList, type: 'Union[List[str], str]' },
      { name: 'exclude', required: false, check: (v) => isStrOrList(v) || v.kind === 'null', type: 'Optional[Union[List[str], str]]' },
    ],
    keywordOnly: {},
  },
  int: { params: [], varArgs: 'Union[str, int, float, bool, List, Dict, Sweep]', varCheck: castable, keywordOnly: { value: castable } },
  interval: {
    params: [
      { name: 'start', required: true, check: isNumber, type: 'Union[int, float]' },
      { name: 'end', required: true, check: isNumber, type: 'Union[int, float]' },
    ],
    keywordOnly: {},
  },
  range: {
    params: [
      { name: 'start', required: true, check: isNumber, type: 'Union[int, float]' },
      { name: 'stop', required: false, check: (v) => isNumber(v) || v.kind === 'null', type: 'Optional[Union[int, float]]' },
      { name: 'step', required: false, check: isNumber, type: 'Union[int, float]' },
    ],
    keywordOnly: {},
  },
  shuffle: {
    params: [],
    varArgs: 'Union[str, int, bool, float, List[Any], Dict[str, Any], ChoiceSweep, RangeSweep]',
    varCheck: (v) => isElement(v) || v.kind === 'choice' || v.kind === 'range',
    keywordOnly: { sweep: (v) => v.kind === 'choice' || v.kind === 'range' || v.kind === 'null', list: (v) => v.kind === 'list' || v.kind === 'null' },
  },
  sort: {
    params: [],
    varArgs: 'Union[str, int, bool, float, List[Any], Dict[str, Any], ChoiceSweep, RangeSweep]',
    varCheck: (v) => isElement(v) || v.kind === 'choice' || v.kind === 'range',
    keywordOnly: {
      sweep: (v) => v.kind === 'choice' || v.kind === 'range' || v.kind === 'null',
      list: (v) => v.kind === 'list' || v.kind === 'null',
      reverse: (v) => v.kind === 'bool',
    },
  },
  str: { params: [], varArgs: 'Union[str, int, float, bool, List, Dict, Sweep]', varCheck: castable, keywordOnly: { value: castable } },
  tag: { params: [], varArgs: 'Union[str, Sweep]', varCheck: (v) => (v.kind === 'string') || isSweep(v), keywordOnly: { sweep: (v) => isSweep(v) || v.kind === 'null' } },
};

/** A Map, so names such as `toString` or `__proto__` are unknown functions, not Object.prototype members. */
const SIGNATURE_BY_NAME: ReadonlyMap<string, Signature> = new Map(Object.entries(SIGNATURES));

/** Names of the functions Hydra 1.3 registers, sorted as its error message lists them. */
export const FUNCTION_NAMES: readonly string[] = Object.keys(SIGNATURES).sort();

function fail(type: 'TypeError' | 'ValueError', message: string): never {
  throw new PythonTypeError(type, message);
}

function simpleChoice(items: readonly ItemValue[]): ChoiceSweep {
  for (const item of items) {
    if (isSweep(item) || item.kind === 'glob') throw new PythonTypeError('AssertionError', `a ${item.kind} sweep cannot be a choice element here`);
  }
  return { kind: 'choice', items, simpleForm: true, shuffle: false, tags: [] };
}


function present(v: ItemValue | undefined): v is ItemValue {
  return v !== undefined && v.kind !== 'null';
}

/** Hydra 1.3's `_sort_sweep`, including its reversal of ranges by their `stop` bound. */
function sortSweep(sweep: ChoiceSweep | RangeSweep, reverse: boolean): ChoiceSweep | RangeSweep {
  if (sweep.kind === 'choice') return { ...sweep, items: pythonSorted(sweep.items, reverse) };
  const cmp = compareNumbers(sweep.start, sweep.stop);
  if ((!reverse && cmp > 0) || (reverse && cmp < 0)) {
    const step = absNumber(sweep.step);
    const start = reverse ? addNumbers(sweep.stop, negateNumber(step)) : addNumbers(sweep.stop, step);
    const stop = reverse ? addNumbers(sweep.start, negateNumber(step)) : addNumbers(sweep.start, step);
    return { ...sweep, start, stop, step: negateNumber(sweep.step) };
  }
  return sweep;
}

/** Hydra's `shuffle()`: `list=` / `sweep=` win over positional arguments, as in its recursion. */
function evalShuffle(call: FunctionCall, args: readonly ItemValue[], options: ParseOptions): ItemValue {
  const list = call.kwargs.get('list');
  const sweep = call.kwargs.get('sweep');
  const effective = present(list) ? [list] : present(sweep) ? [sweep] : args;
  if (effective.length === 1) {
    const arg = effective[0] as ItemValue;
    if (arg.kind === 'choice' || arg.kind === 'range') return { ...arg, shuffle: true };
    if (arg.kind === 'list') return { kind: 'list', items: shuffled(arg.items, options.random ?? Math.random) };
    return { kind: 'list', items: [arg] };
  }
  return { ...simpleChoice(effective), shuffle: true };
}

function evalSort(call: FunctionCall, args: readonly ItemValue[]): ItemValue {
  const reverseArg = call.kwargs.get('reverse');
  const reverse = reverseArg?.kind === 'bool' && reverseArg.value;
  const list = call.kwargs.get('list');
  if (present(list) && list.kind === 'list') return { kind: 'list', items: pythonSorted(list.items, reverse) };
  const sweep = call.kwargs.get('sweep');
  if (present(sweep)) return sortSweep(sweep as ChoiceSweep | RangeSweep, reverse);
  if (args.length === 1) {
    const arg = args[0] as ItemValue;
    if (arg.kind === 'choice' || arg.kind === 'range') return sortSweep(arg, reverse);
    if (arg.kind === 'list') return { kind: 'list', items: pythonSorted(arg.items, reverse) };
    return arg;
  }
  for (const arg of args) {
    if (!(isNumber(arg) || arg.kind === 'string')) fail('TypeError', `Invalid arguments: sort() takes primitives when given several values, got ${arg.kind}`);
  }
  if (args.length === 0) fail('ValueError', 'empty sort input');
  return sortSweep(simpleChoice(args), reverse);
}

function evalTag(call: FunctionCall, args: readonly ItemValue[]): SweepValue {
  if (args.length < 1) fail('ValueError', 'Not enough arguments to tag, must take at least a sweep');
  const sweepKw = call.kwargs.get('sweep');
  const all = present(sweepKw) ? [...args, sweepKw] : args;
  const last = all[all.length - 1] as ItemValue;
  if (!(last.kind === 'choice' || last.kind === 'range' || last.kind === 'interval')) {
    fail('ValueError', `Last argument to tag() must be a choice(), range() or interval(), got ${last.kind}`);
  }
  // A Set keeps first-seen order and drops repeats in one pass, however many tags.
  const tags = new Set<string>();
  for (const t of all.slice(0, -1)) {
    if (t.kind !== 'string') fail('ValueError', `tag arguments type must be string, got ${t.kind}`);
    tags.add(t.value);
  }
  return { ...last, tags: [...tags] };
}

function toStrings(value: ItemValue | undefined): string[] {
  if (value === undefined || value.kind === 'null') return [];
  if (value.kind === 'list') return value.items.map((item) => (item.kind === 'string' ? item.value : String((item as { value?: unknown }).value)));
  return [(value as { value: string }).value];
}

function asNumber(v: ItemValue): NumberElement {
  if (v.kind === 'bool') return { kind: 'int', value: v.value ? 1n : 0n };
  return v as NumberElement;
}

/** Evaluates one grammar function call; throws PythonTypeError with Hydra's wording on misuse. */
export function evaluateFunction(call: FunctionCall, options: ParseOptions): ItemValue {
  const signature = SIGNATURE_BY_NAME.get(call.name);
  if (signature === undefined) {
    throw new PythonTypeError('TypeError', `Unknown function '${call.name}'; available: ${FUNCTION_NAMES.join(', ')}`);
  }
  const bound = bindArguments(call, signature);
  switch (call.name) {
    case 'choice': {
      const args = bound.varArgs;
      if (args.length === 0) fail('ValueError', 'empty choice is not legal');
      if (args.length === 1 && args[0]?.kind === 'choice') {
        if (!args[0].simpleForm) fail('ValueError', 'nesting choices is not supported');
        return { ...args[0], simpleForm: false };
      }
      return { kind: 'choice', items: args, simpleForm: false, shuffle: false, tags: [] };
    }
    case 'range': {
      let start = asNumber(bound.named.get('start') as ItemValue);
      const stopArg = bound.named.get('stop');
      let stop: NumberElement;
      if (stopArg === undefined || stopArg.kind === 'null') {
        stop = start;
        start = { kind: 'int', value: 0n };
      } else {
        stop = asNumber(stopArg);
      }
      const stepArg = bound.named.get('step');
      const step = stepArg === undefined ? ({ kind: 'int', value: 1n } as const) : asNumber(stepArg);
      return { kind: 'range', start, stop, step, shuffle: false, tags: [] };
    }
    case 'interval': {
      const toFloat = (v: ItemValue): NumberElement => castValue('float', asNumber(v)) as NumberElement;
      return { kind: 'interval', start: toFloat(bound.named.get('start') as ItemValue), end: toFloat(bound.named.get('end') as ItemValue), tags: [] };
    }
    case 'tag':
      return evalTag(call, bound.varArgs);
    case 'shuffle':
      return evalShuffle(call, bound.varArgs, options);
    case 'sort':
      return evalSort(call, bound.varArgs);
    case 'glob':
      return { kind: 'glob', include: toStrings(bound.named.get('include')), exclude: toStrings(bound.named.get('exclude')) };
    default: {
      const valueKw = call.kwargs.get('value');
      const args = bound.varArgs;
      if (args.length > 0 && present(valueKw)) fail('TypeError', 'cannot use both position and named arguments');
      let value: ItemValue;
      if (present(valueKw)) value = valueKw;
      else if (args.length === 0) fail('TypeError', 'No positional args or value specified');
      else value = args.length === 1 ? (args[0] as ItemValue) : simpleChoice(args);
      return castValue(call.name as CastName, value);
    }
  }
}
