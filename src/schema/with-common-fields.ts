/** Defaults of the shared launcher fields for a launcher schema that does not set its own. */
const COMMON_DEFAULTS: Readonly<Record<string, unknown>> = { timeout_min: null, env: {}, fail_fast: false, kill_grace_s: 10, max_log_mb: null };

/**
 * Returns a launcher schema that declares every shared field (`launcher-common.json`): the fields
 * it declares itself are kept as they are, the missing ones are added as `$ref`s with the
 * common defaults, so a plug-in launcher honours `fail_fast`, `kill_grace_s` and the rest too. Pure.
 */
export function withCommonFields(schema: object): object {
  const properties = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  const missing = Object.keys(COMMON_DEFAULTS).filter((field) => !(field in properties));
  if (missing.length === 0) return schema;
  const added = Object.fromEntries(missing.map((field) => [field, { $ref: `https://spectramind-launch.dev/schemas/launcher-common.json#/definitions/${field}`, default: COMMON_DEFAULTS[field] }]));
  return { ...schema, properties: { ...properties, ...added } };
}
