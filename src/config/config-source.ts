import type { ConfigObject } from './config-tree.js';

/** One config file, loaded: its content and package header, before its defaults list is read. */
export interface LoadedConfig {
  /** Config path without extension, e.g. `db/mysql` or `config`. */
  readonly path: string;
  /** The file's top-level mapping (the `defaults` key still inside). Never mutated by composition. */
  readonly content: ConfigObject;
  /** The `# @package` header, or null. */
  readonly packageHeader: string | null;
  /** Where it came from, for messages: a file path or `embedded:<path>`. */
  readonly origin: string;
}

/**
 * Where configs come from. Composition only talks to this interface, so the defaults
 * list, merge and interpolation stay pure; only `createDirectoryConfigSource` reads files.
 */
export interface ConfigSource {
  /** Loads a config by path (`db/mysql`), or returns null when there is none. */
  load(path: string): LoadedConfig | null;
  /** True when `group` (e.g. `db`, `hydra/launcher`) is a config group. */
  groupExists(group: string): boolean;
  /** The option names of a group, sorted; empty when the group does not exist. */
  listOptions(group: string): readonly string[];
  /** A line per search-path entry, for "not found" messages. */
  describe(): readonly string[];
}

/** Combines sources into one search path: the first source that has a config wins; groups and options are the union. */
export function layerConfigSources(sources: readonly ConfigSource[]): ConfigSource {
  return {
    load(path) {
      for (const source of sources) {
        const loaded = source.load(path);
        if (loaded !== null) return loaded;
      }
      return null;
    },
    groupExists: (group) => sources.some((source) => source.groupExists(group)),
    listOptions(group) {
      const all = new Set<string>();
      for (const source of sources) for (const option of source.listOptions(group)) all.add(option);
      return [...all].sort();
    },
    describe: () => sources.flatMap((source) => source.describe()),
  };
}

/** Strips a `.yaml`/`.yml` extension and leading/trailing slashes from a config path. */
export function normalizeConfigPath(path: string): string {
  if (!path.includes('.') && !path.startsWith('/') && !path.endsWith('/')) return path;
  return path.replace(/\.ya?ml$/, '').replace(/^\/+|\/+$/g, '');
}
