import { IntegralFloat, toConfigValue } from '../overrides/index.js';
import type { ElementValue, Override } from '../overrides/index.js';
import { closestNames } from './closest-names.js';
import { ConfigCompositionError } from './config-errors.js';
import { isConfigObject, setKey, scalarText } from './config-tree.js';
import type { ConfigNode, ConfigObject } from './config-tree.js';
import { childOf, mergeInto, selectNode, splitKey } from './merge-config.js';

/**
 * Applies value overrides to a composed config the way Hydra does after switching
 * the config to struct mode: `key=v` only changes keys that exist, `+key=v` only
 * adds keys that do not (or merges a dict/list), `++key=v` does either, `~key` and
 * `~key=v` delete. Mutates `config`.
 */
export function applyConfigOverrides(config: ConfigObject, overrides: readonly Override[]): void {
  for (const override of overrides) {
    if (override.package !== null) {
      throw new ConfigCompositionError(
        `Override ${override.input} looks like a config group override, but config group '${override.key}' does not exist. Check the group name against the folders of the config directory.`,
      );
    }
    const key = override.key;
    const value = override.value === null ? null : toNode(override.value as ElementValue);
    switch (override.kind) {
      case 'delete':
        deleteKey(config, override, value);
        break;
      case 'add': {
        const current = selectNode(config, key);
        if (current === undefined || current === null || isConfigObject(value) || Array.isArray(value)) {
          update(config, key, value, true, override);
        } else {
          throw new ConfigCompositionError(
            `Could not append to config. An item is already at '${key}'.\nEither remove + prefix: '${override.input.slice(1)}'\nOr add a second + to add or override '${key}': '+${override.input}'\n`,
          );
        }
        break;
      }
      case 'force-add':
        update(config, key, value, true, override);
        break;
      case 'change':
        update(config, key, value, false, override);
        break;
    }
  }
}

function toNode(value: ElementValue): ConfigNode {
  return toConfigValue(value) as ConfigNode;
}

function couldNotOverride(override: Override): ConfigCompositionError {
  return new ConfigCompositionError(`Could not override '${override.key}'.\nTo append to your config use +${override.input}`);
}

/**
 * A field the selected launcher does not have: every field of its schema is in the node, so a
 * "+" would only move the error to validation. Name the closest fields instead.
 */
function unknownLauncherField(launcher: ConfigObject, field: string, override: Override): ConfigCompositionError {
  const known = Object.keys(launcher).filter((key) => key !== '_target_' && key !== 'launcher');
  const close = closestNames(field, known);
  const name = typeof launcher['launcher'] === 'string' ? `the ${launcher['launcher']} launcher` : 'the selected launcher';
  const hint = close.length > 0 ? `Did you mean ${close.map((c) => `hydra.launcher.${c}`).join(' or ')}?` : `Its fields: ${known.join(', ')}.`;
  return new ConfigCompositionError(`Unknown field '${field}' of ${name} in '${override.input}'. ${hint}`);
}

function update(config: ConfigObject, key: string, value: ConfigNode, forceAdd: boolean, override: Override): void {
  const parts = splitKey(key);
  if (parts.length === 0 || parts.some((p) => p === '')) throw couldNotOverride(override);
  let node: ConfigNode = config;
  for (const part of parts.slice(0, -1)) {
    let next = childOf(node, part);
    if (!isConfigObject(next) && !Array.isArray(next)) {
      if (!forceAdd || Array.isArray(node)) throw couldNotOverride(override);
      next = {};
      setKey(node as ConfigObject, part, next);
    }
    node = next;
  }
  const last = parts[parts.length - 1] as string;
  if (Array.isArray(node)) {
    const idx = /^-?\d+$/.test(last) ? Number(last) : NaN;
    if (!Number.isInteger(idx) || idx >= node.length || idx < -node.length) throw couldNotOverride(override);
    node[idx < 0 ? node.length + idx : idx] = value;
    return;
  }
  const target = node as ConfigObject;
  const exists = Object.prototype.hasOwnProperty.call(target, last);
  if (!exists && !forceAdd && !inLauncherMap(parts)) throw parts.length === 3 && parts[0] === 'hydra' && parts[1] === 'launcher' ? unknownLauncherField(target, last, override) : couldNotOverride(override);
  const current = target[last];
  if (isConfigObject(value) && isConfigObject(current)) {
    // Struct mode: merging a dict may only touch keys that exist, unless it is an add.
    if (!forceAdd && !isLauncherField(parts) && !onlyExistingKeys(current, value)) throw couldNotOverride(override);
    mergeInto(current, value);
  } else {
    setKey(target, last, value);
  }
}

/**
 * Mapping fields of a launcher (`env`, `additional_parameters`) are open maps, as the
 * `Dict[str, ...]` fields of Hydra's launcher configs are: they take new keys without `+`.
 */
function isLauncherField(parts: readonly string[]): boolean {
  return parts.length === 3 && parts[0] === 'hydra' && parts[1] === 'launcher';
}

function inLauncherMap(parts: readonly string[]): boolean {
  return parts.length >= 4 && parts[0] === 'hydra' && parts[1] === 'launcher';
}

function onlyExistingKeys(target: ConfigObject, value: ConfigObject): boolean {
  return Object.keys(value).every((key) => {
    if (!Object.prototype.hasOwnProperty.call(target, key)) return false;
    const current = target[key];
    const incoming = value[key];
    return !(isConfigObject(current) && isConfigObject(incoming)) || onlyExistingKeys(current, incoming);
  });
}

function deleteKey(config: ConfigObject, override: Override, value: ConfigNode | null): void {
  const key = override.key;
  const current = selectNode(config, key);
  if (current === undefined || current === null) {
    throw new ConfigCompositionError(`Could not delete from config. '${key}' does not exist.`);
  }
  if (value !== null && !sameValue(value, current)) {
    throw new ConfigCompositionError(`Could not delete from config. The value of '${key}' is ${scalarText(current)} and not ${scalarText(value)}.`);
  }
  const parts = splitKey(key);
  const parent = parts.length === 1 ? config : selectNode(config, parts.slice(0, -1).join('.'));
  const last = parts[parts.length - 1] as string;
  if (Array.isArray(parent)) {
    const idx = Number(last);
    parent.splice(idx < 0 ? parent.length + idx : idx, 1);
  } else if (isConfigObject(parent)) {
    delete parent[last];
  }
}

/** Python `==` for config values: `1 == 1.0`, lists and dicts compared deeply. */
export function sameValue(a: unknown, b: unknown): boolean {
  const na = a instanceof IntegralFloat ? a.value : typeof a === 'bigint' ? Number(a) : a;
  const nb = b instanceof IntegralFloat ? b.value : typeof b === 'bigint' ? Number(b) : b;
  if (Array.isArray(na) && Array.isArray(nb)) return na.length === nb.length && na.every((item, i) => sameValue(item, nb[i]));
  if (isConfigObject(na) && isConfigObject(nb)) {
    const ka = Object.keys(na);
    return ka.length === Object.keys(nb).length && ka.every((k) => k in nb && sameValue(na[k], nb[k]));
  }
  if (typeof na === 'boolean' || typeof nb === 'boolean') return na === nb || (typeof na === 'number' && Number(nb) === na) || (typeof nb === 'number' && Number(na) === nb);
  return na === nb;
}
