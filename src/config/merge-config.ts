import { MISSING, cloneNode, isConfigObject, setKey } from './config-tree.js';
import type { ConfigNode, ConfigObject } from './config-tree.js';

/**
 * Merges `source` into `target` in place, as OmegaConf merges untyped configs:
 * mappings merge key by key (new keys go last, existing keys keep their place),
 * lists and scalars replace, and a `???` in `source` does not erase a value
 * `target` already has. Values taken from `source` are copied.
 */
export function mergeInto(target: ConfigObject, source: ConfigObject): void {
  for (const key of Object.keys(source)) {
    const incoming = source[key] as ConfigNode;
    const hasKey = Object.prototype.hasOwnProperty.call(target, key);
    if (incoming === MISSING && hasKey) continue;
    const current = hasKey ? target[key] : undefined;
    if (isConfigObject(incoming) && isConfigObject(current)) mergeInto(current, incoming);
    else setKey(target, key, cloneNode(incoming));
  }
}

/** Wraps `content` under a dotted package (`a.b` gives `{a: {b: content}}`); '' leaves it at the root. */
export function embedAtPackage(content: ConfigObject, pkg: string): ConfigObject {
  if (pkg === '') return content;
  let wrapped: ConfigObject = content;
  const parts = pkg.split('.');
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const holder: ConfigObject = {};
    setKey(holder, parts[i] as string, wrapped);
    wrapped = holder;
  }
  return wrapped;
}

/** Splits a dotted key (`a.b.c`); brackets (`a[0]`, `a[b]`) are read as dotted parts. */
export function splitKey(key: string): string[] {
  return key.replace(/\[([^\]]*)\]/g, '.$1').split('.').filter((part, idx) => part !== '' || idx > 0);
}

/** Reads a node by dotted key without resolving interpolations; undefined when any step is absent. */
export function selectNode(root: ConfigNode, key: string): ConfigNode | undefined {
  let node: ConfigNode | undefined = root;
  for (const part of splitKey(key)) node = childOf(node, part);
  return node;
}

/** One step down a mapping or a list. */
export function childOf(node: ConfigNode | undefined, part: string): ConfigNode | undefined {
  if (Array.isArray(node)) {
    if (!/^-?\d+$/.test(part)) return undefined;
    const idx = Number(part);
    return node[idx < 0 ? node.length + idx : idx];
  }
  if (isConfigObject(node) && Object.prototype.hasOwnProperty.call(node, part)) return node[part];
  return undefined;
}
