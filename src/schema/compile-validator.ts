import { Ajv, type ErrorObject } from 'ajv';
import { ConfigError, type ConfigViolation } from '../errors.js';

/** Validates input, fills schema defaults, and returns the resolved value (input is not mutated). */
export type Validator<T> = (input: unknown) => T;

/** Compiles a draft-07 schema into a validator that throws one `ConfigError` listing every violation. */
export function compileValidator<T>(schema: object, subject: string, pathPrefix = ''): Validator<T> {
  const check = compileChecker<T>(schema, pathPrefix);
  return (input) => {
    const checked = check(input);
    if (checked.ok) return checked.value;
    throw new ConfigError(subject, checked.violations);
  };
}

/** What a checker says: the resolved value, or every violation. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly violations: readonly ConfigViolation[] };

/** Like {@link compileValidator}, but returns violations instead of throwing, so callers can merge several. */
export function compileChecker<T>(schema: object, pathPrefix = ''): (input: unknown) => Checked<T> {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true });
  const validate = ajv.compile(schema);
  return (input) => {
    const copy: unknown = input === undefined ? {} : structuredClone(input);
    if (validate(copy)) return { ok: true, value: copy as T };
    return { ok: false, violations: dedupe((validate.errors ?? []).map((error) => toViolation(error, copy, pathPrefix))) };
  };
}

function toViolation(error: ErrorObject, root: unknown, prefix: string): ConfigViolation {
  const at = `${prefix}${error.instancePath}`;
  const value = valueAt(root, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      return {
        path: `${at}/${field}`,
        value: (value as Record<string, unknown> | undefined)?.[field],
        message: `is not a known field; known fields: ${known.join(', ')}. Remove it or fix its spelling`,
      };
    }
    case 'enum':
      return { path: at || '/', value, message: `must be one of ${JSON.stringify(params.allowedValues)}` };
    case 'const':
      return { path: at || '/', value, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { path: at || '/', value, message: `must be of type ${String(params.type)}` };
    default:
      return { path: at || '/', value, message: error.message ?? `fails ${error.keyword}` };
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function dedupe(violations: ConfigViolation[]): ConfigViolation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.path}\u0000${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
