import { resolve } from 'node:path';
import { ConfigCompositionError } from '../config/config-errors.js';
import { createComposer } from '../config/create-composer.js';
import { isConfigObject } from '../config/config-tree.js';
import type { ConfigNode } from '../config/config-tree.js';
import { parseOverride } from '../overrides/index.js';
import { closestNames } from './closest-names.js';
import type { CliFlags } from './parse-cli-args.js';

const NOT_IN_CONFIG = /^Could not override '([^']+)'/;

/**
 * When an override names a key the config does not have (`hydra.launcher.partiton=gpu`),
 * composes again without it and adds the closest keys that do exist at that level.
 * Any other error comes back unchanged.
 */
export function suggestOverrideKey(error: unknown, flags: CliFlags, overrides: readonly string[], cwd: string): unknown {
  if (!(error instanceof ConfigCompositionError)) return error;
  const key = NOT_IN_CONFIG.exec(error.message)?.[1];
  if (key === undefined) return error;
  try {
    const others = overrides.filter((text) => parseOverride(text).key !== key);
    const composer = createComposer({ configDir: resolve(cwd, flags.configDir), configName: flags.configName });
    const composed = composer.compose({ overrides: others, cwd, mode: flags.multirun ? 'multirun' : 'run' });
    // The first segment the config lacks is the one to correct (`modle.lr`: modle).
    const path = key.split('.');
    let node: ConfigNode | undefined = { ...composed.config, hydra: composed.hydra };
    let at = 0;
    while (at < path.length - 1 && isConfigObject(node) && isConfigObject(node[path[at] as string])) node = node[path[at++] as string];
    if (!isConfigObject(node)) return error;
    const close = closestNames(path[at] ?? key, Object.keys(node));
    if (close.length === 0) return error;
    const names = close.map((name) => [...path.slice(0, at), name, ...path.slice(at + 1)].join('.'));
    return new ConfigCompositionError(`${error.message}\nDid you mean ${names.join(' or ')}?`, { cause: error });
  } catch {
    return error;
  }
}
