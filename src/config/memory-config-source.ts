import { ConfigError, type ConfigViolation } from '../errors.js';
import type { ConfigObject } from './config-tree.js';
import type { ConfigSource, LoadedConfig } from './config-source.js';
import { normalizeConfigPath } from './config-source.js';
import { parseConfigYaml } from './parse-config-yaml.js';

/** A config given in memory: parsed content (with an optional package header) or YAML text. */
export type MemoryConfig = string | { readonly content: ConfigObject; readonly packageHeader?: string | null };

/**
 * A config source over an in-memory map of config path to config, e.g.
 * `{ 'config': 'defaults: [db: mysql]', 'db/mysql': { content: { port: 3306 } } }`.
 * Used for the embedded Hydra defaults and for tests.
 */
export function createMemoryConfigSource(configs: Readonly<Record<string, MemoryConfig>>, name = 'memory'): ConfigSource {
  checkMemoryConfigs(configs);
  const raw = new Map<string, MemoryConfig>();
  const loaded = new Map<string, LoadedConfig>();
  const groups = new Map<string, Set<string>>();
  for (const [rawPath, config] of Object.entries(configs)) {
    const path = normalizeConfigPath(rawPath);
    raw.set(path, config);
    if (typeof config !== 'string') {
      loaded.set(path, { path, content: config.content, packageHeader: config.packageHeader ?? null, origin: `${name}:${path}` });
    }
    const parts = path.split('/');
    const option = parts.pop() as string;
    for (let i = 0; i <= parts.length; i += 1) {
      const group = parts.slice(0, i).join('/');
      if (!groups.has(group)) groups.set(group, new Set());
    }
    groups.get(parts.join('/'))?.add(option);
  }
  // Parsed content is ready at creation; YAML text is parsed on first load, so a broken file fails the composition that uses it.
  const load = (rawPath: string): LoadedConfig | null => {
    const path = normalizeConfigPath(rawPath);
    const cached = loaded.get(path);
    if (cached !== undefined) return cached;
    const config = raw.get(path);
    if (config === undefined) return null;
    const origin = `${name}:${path}`;
    const parsed = parseConfigYaml(config as string, origin);
    const result = { path, content: parsed.content, packageHeader: parsed.packageHeader, origin };
    loaded.set(path, result);
    return result;
  };
  return {
    load,
    groupExists: (group) => group !== '' && groups.has(normalizeConfigPath(group)),
    listOptions: (group) => [...(groups.get(normalizeConfigPath(group)) ?? [])].sort(),
    describe: () => [`provider=${name}`],
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The map comes from user code (often untyped JS): a wrong shape is one ConfigError naming each bad entry, not a TypeError later. */
function checkMemoryConfigs(configs: unknown): asserts configs is Readonly<Record<string, MemoryConfig>> {
  const example = "e.g. { config: 'defaults: [db: mysql]', 'db/mysql': { content: { port: 3306 } } }";
  if (!isPlainObject(configs)) {
    throw new ConfigError('memory config source', [{ path: '/', value: configs, message: `must be an object mapping config paths to YAML text or { content }; ${example}` }]);
  }
  const violations: ConfigViolation[] = [];
  for (const [path, config] of Object.entries(configs)) {
    if (typeof config === 'string') continue;
    if (!isPlainObject(config) || !isPlainObject(config.content)) {
      violations.push({ path: `/${path}`, value: config, message: `must be YAML text or { content: { ... } } with the config as an object under content; ${example}` });
    }
  }
  if (violations.length > 0) throw new ConfigError('memory config source', violations);
}
