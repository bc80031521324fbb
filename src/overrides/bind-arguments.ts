import { PythonTypeError, pythonTypeName } from './python-semantics.js';
import type { FunctionCall } from './grammar-functions.js';
import type { ItemValue } from './types.js';

/** One named parameter of a grammar function. */
export interface Parameter {
  readonly name: string;
  readonly required: boolean;
  readonly check: (value: ItemValue) => boolean;
  readonly type: string;
}

/** A Python-like signature: named parameters, optional `*args`, keyword-only parameters. */
export interface Signature {
  readonly params: readonly Parameter[];
  /** Type shown in messages for `*args`; absent when the function takes no `*args`. */
  readonly varArgs?: string;
  readonly varCheck?: (value: ItemValue) => boolean;
  readonly keywordOnly: Readonly<Record<string, (value: ItemValue) => boolean>>;
}

/** Arguments bound to a signature. */
export interface BoundArguments {
  readonly named: ReadonlyMap<string, ItemValue>;
  readonly varArgs: readonly ItemValue[];
}

function typeError(message: string): never {
  throw new PythonTypeError('TypeError', message);
}

/** Binds and type-checks arguments the way Python's `inspect.Signature.bind` plus Hydra's checks do. */
export function bindArguments(call: FunctionCall, sig: Signature): BoundArguments {
  const named = new Map<string, ItemValue>();
  const varArgs: ItemValue[] = [];
  for (let i = 0; i < call.args.length; i++) {
    const arg = call.args[i] as ItemValue;
    const param = sig.params[i];
    if (param !== undefined) named.set(param.name, arg);
    else if (sig.varArgs !== undefined) varArgs.push(arg);
    else typeError('too many positional arguments');
  }
  for (const [name, value] of call.kwargs) {
    const isParam = sig.params.some((p) => p.name === name);
    if (!isParam) {
      const check = sig.keywordOnly[name];
      if (check === undefined) typeError(`got an unexpected keyword argument '${name}'`);
      if (!check(value)) typeError(`mismatch type argument ${name}: ${pythonTypeName(value)} is not accepted`);
    }
    if (named.has(name)) typeError(`multiple values for argument '${name}'`);
    named.set(name, value);
  }
  for (const param of sig.params) {
    const value = named.get(param.name);
    if (value === undefined) {
      if (param.required) typeError(`missing a required argument: '${param.name}'`);
      continue;
    }
    if (!param.check(value)) {
      typeError(`mismatch type argument ${param.name}: ${pythonTypeName(value)} is incompatible with ${param.type}`);
    }
  }
  if (sig.varCheck !== undefined) {
    for (let i = 0; i < varArgs.length; i++) {
      const value = varArgs[i] as ItemValue;
      if (!sig.varCheck(value)) typeError(`mismatch type argument args[${i}]: ${pythonTypeName(value)} is incompatible with ${sig.varArgs ?? 'Any'}`);
    }
  }
  return { named, varArgs };
}
