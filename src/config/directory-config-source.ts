import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MissingConfigError } from './config-errors.js';
import type { ConfigSource, LoadedConfig } from './config-source.js';
import { normalizeConfigPath } from './config-source.js';
import { parseConfigYaml } from './parse-config-yaml.js';

/**
 * The one module that reads config files. Files are parsed once per source and
 * cached (composition never mutates what it loads), so composing every job of a
 * sweep from the same source re-reads nothing.
 */
export function createDirectoryConfigSource(configDir: string): ConfigSource {
  const root = resolve(configDir);
  if (!isDirectory(root)) {
    throw new MissingConfigError(
      '',
      `Primary config directory not found: '${configDir}' (resolved to ${root}). Check that configDir names an existing, readable folder.`,
      null,
    );
  }
  const files = new Map<string, LoadedConfig | null>();
  const dirs = new Map<string, readonly string[] | null>();

  const listDir = (group: string): readonly string[] | null => {
    const cached = dirs.get(group);
    if (cached !== undefined) return cached;
    let entries: string[] | null;
    try {
      entries = readdirSync(join(root, group));
    } catch {
      entries = null;
    }
    dirs.set(group, entries);
    return entries;
  };

  return {
    load(rawPath) {
      const path = normalizeConfigPath(rawPath);
      const cached = files.get(path);
      if (cached !== undefined) return cached;
      let result: LoadedConfig | null = null;
      for (const ext of ['.yaml', '.yml']) {
        const file = join(root, path + ext);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        const parsed = parseConfigYaml(text, file);
        result = { path, content: parsed.content, packageHeader: parsed.packageHeader, origin: file };
        break;
      }
      files.set(path, result);
      return result;
    },
    groupExists(group) {
      const path = normalizeConfigPath(group);
      return path !== '' && listDir(path) !== null;
    },
    listOptions(group) {
      const entries = listDir(normalizeConfigPath(group)) ?? [];
      const names = new Set<string>();
      for (const entry of entries) {
        const match = /^(.*)\.ya?ml$/.exec(entry);
        if (match?.[1] !== undefined) names.add(match[1]);
      }
      return [...names].sort();
    },
    describe: () => [`provider=main, path=file://${root}`],
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
