import type { Override } from './types.js';

const PREFIX = { change: '', add: '+', 'force-add': '++', delete: '~' } as const;

/**
 * The key as Hydra writes it back (`Override.get_key_element()`): prefix, key and
 * package, e.g. `+db@backup`. The sweeper uses it to spot repeated overrides.
 */
export function keyElementOf(override: Override): string {
  const key = override.package === null ? override.key : `${override.key}@${override.package}`;
  return `${PREFIX[override.kind]}${key}`;
}
