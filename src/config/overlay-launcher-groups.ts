import { cloneNode } from './config-tree.js';
import type { ConfigSource, LoadedConfig } from './config-source.js';
import { normalizeConfigPath } from './config-source.js';
import { mergeInto } from './merge-config.js';

const LAUNCHER_GROUP = 'hydra/launcher/';

/**
 * A search path on which a user's `hydra/launcher/<name>` merges over the built-in option of
 * the same name instead of hiding it, so the user's file may set a few fields and every other
 * field of the launcher's schema stays overridable. Merged configs are kept per path.
 */
export function overlayLauncherGroups(layered: ConfigSource, user: ConfigSource, builtin: ConfigSource): ConfigSource {
  const merged = new Map<string, LoadedConfig | null>();
  return {
    ...layered,
    load(rawPath) {
      const path = normalizeConfigPath(rawPath);
      if (!path.startsWith(LAUNCHER_GROUP)) return layered.load(path);
      const cached = merged.get(path);
      if (cached !== undefined) return cached;
      const own = user.load(path);
      const base = own === null ? null : builtin.load(path);
      let result = own ?? builtin.load(path);
      if (own !== null && base !== null) {
        const content = cloneNode(base.content);
        mergeInto(content, cloneNode(own.content));
        result = { ...own, content };
      }
      merged.set(path, result);
      return result;
    },
  };
}
