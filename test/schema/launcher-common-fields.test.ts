import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLauncher } from '../../src/index.js';
import { LAUNCHER_COMMON_FIELDS } from '../../src/launchers/launcher-definition.js';

const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}.json`, import.meta.url), 'utf8')) as { properties: Record<string, { $ref?: string }> };

describe('the shared launcher fields', () => {
  it.each(['basic', 'local', 'slurm', 'kaggle'])('are each declared by the %s schema through the shared fragment', (name) => {
    const properties = schema(name).properties;
    for (const field of LAUNCHER_COMMON_FIELDS) expect(properties[field]?.$ref).toBe(`launcher-common.json#/definitions/${field}`);
  });

  it('are declared in the fragment exactly once each', () => {
    const common = JSON.parse(readFileSync(new URL('../../schemas/launcher-common.json', import.meta.url), 'utf8')) as { definitions: object };
    expect(Object.keys(common.definitions).sort()).toEqual([...LAUNCHER_COMMON_FIELDS].sort());
  });

  it.each(['basic', 'local', 'slurm', 'kaggle'])('are validated by the fragment on %s', (launcher) => {
    expect(() => createLauncher({ launcher, kill_grace_s: -1 })).toThrow(/\/kill_grace_s: must be >= 0/);
    expect(() => createLauncher({ launcher, fail_fast: 'yes' })).toThrow(/\/fail_fast: must be of type boolean/);
    expect(() => createLauncher({ launcher, max_log_mb: 0 })).toThrow(/\/max_log_mb: must be > 0/);
  });

  it('are added, with the common defaults, to a plug-in schema that leaves them out', () => {
    const launcher = createLauncher(
      { launcher: 'echo', fail_fast: true },
      { launchers: [{ name: 'echo', schema: { type: 'object', properties: { launcher: {} }, additionalProperties: false }, createBackend: () => ({ execute: async () => undefined }) }] },
    );
    expect(launcher.config).toEqual({ launcher: 'echo', fail_fast: true, timeout_min: null, env: {}, kill_grace_s: 10, max_log_mb: null });
  });

  it('let slurm narrow timeout_min to whole minutes', () => {
    expect(() => createLauncher({ launcher: 'slurm', timeout_min: 1.5 })).toThrow(/\/timeout_min: must be of type integer/);
    expect(createLauncher({ launcher: 'slurm' }).config).toMatchObject({ timeout_min: 60, fail_fast: false, kill_grace_s: 10, max_log_mb: null });
  });
});
