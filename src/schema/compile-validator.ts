import { Ajv, type ErrorObject } from 'ajv';
import { ConfigError, type ConfigViolation } from '../errors.js';
import { loadSchema } from './load-schema.js';

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
  // The shared launcher fragment is known to every schema, so launcher schemas (plug-ins too)
  // $ref "launcher-common.json#/definitions/<field>" for the fields every launcher has.
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true, schemas: [loadSchema('launcher-common.json')] });
  const validate = ajv.compile(schema);
  return (input) => {
    const copy: unknown = input === undefined ? {} : structuredClone(input);
    // JSON has no Infinity or NaN, and ajv's "integer" lets Infinity through: refuse them here.
    const nonFinite = findNonFinite(copy, pathPrefix);
    const valid = validate(copy);
    if (valid && nonFinite.length === 0) return { ok: true, value: copy as T };
    const violations = (valid ? [] : (validate.errors ?? [])).map((error) => toViolation(error, copy, pathPrefix));
    return { ok: false, violations: dedupe([...nonFinite, ...violations]) };
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

function findNonFinite(value: unknown, at: string): ConfigViolation[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [{ path: at || '/', value, message: 'must be a finite number (JSON has no Infinity or NaN)' }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => findNonFinite(child, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
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
