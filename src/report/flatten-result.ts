import type { ResultValue } from './report-model.js';

/**
 * Flattens a job's result into report fields: scalars at the top level keep their name,
 * nested objects give dotted names (`val.acc`, two levels deep), arrays and nulls are left
 * out. A bare number is the field `result`. Pure.
 */
export function flattenResult(value: unknown, prefix = '', depth = 0): Record<string, ResultValue> {
  if (isScalar(value)) return { [prefix === '' ? 'result' : prefix]: value };
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth > 2) return {};
  const fields: Record<string, ResultValue> = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (isScalar(inner)) fields[name] = inner;
    else Object.assign(fields, flattenResult(inner, name, depth + 1));
  }
  return fields;
}

function isScalar(value: unknown): value is ResultValue {
  return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string' || typeof value === 'boolean';
}
