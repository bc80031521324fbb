import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { ConfigYamlError } from './config-errors.js';
import { setKey, scalarText } from './config-tree.js';
import type { ConfigNode, ConfigObject } from './config-tree.js';
import { resolvePlainScalar, resolveTaggedScalar } from './yaml-scalars.js';

/** A config file's content and its `# @package` header. */
export interface ParsedConfigFile {
  /** The mapping at the top of the file; `{}` for an empty file. */
  readonly content: ConfigObject;
  /** The `# @package <pkg>` header, or null when there is none. */
  readonly packageHeader: string | null;
}

/**
 * Parses a config file's text as OmegaConf loads YAML (YAML 1.1 scalars, see
 * `resolvePlainScalar`). `file` only names the file in errors.
 */
export function parseConfigYaml(text: string, file: string): ParsedConfigFile {
  const packageHeader = readPackageHeader(text, file);
  const doc = parseDocument(text, { schema: 'failsafe', version: '1.1', uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = first.linePos?.[0];
    throw new ConfigYamlError(file, pos?.line ?? null, pos?.col ?? null, firstLine(first.message), { cause: first });
  }
  const root = doc.contents === null ? {} : toConfig(doc.contents as YamlNode, doc, file);
  if (root === null) return { content: {}, packageHeader };
  if (typeof root !== 'object' || Array.isArray(root) || !isPlain(root)) {
    throw new ConfigYamlError(file, 1, 1, 'the top level of a config file must be a mapping (key: value), got a ' + (Array.isArray(root) ? 'list' : 'scalar'));
  }
  return { content: root as ConfigObject, packageHeader };
}

function isPlain(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function toConfig(node: YamlNode, doc: Document, file: string): ConfigNode {
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) throw new ConfigYamlError(file, null, null, `unknown alias *${node.source}`);
    return toConfig(target as YamlNode, doc, file);
  }
  if (isScalar(node)) {
    const text = String(node.value ?? '');
    if (node.tag !== undefined && node.tag !== '!' && node.tag !== 'tag:yaml.org,2002:str' && node.tag.length > 0) {
      const tagged = resolveTaggedScalar(node.tag, text);
      if (tagged !== undefined) return tagged;
    }
    if (node.tag === 'tag:yaml.org,2002:str') return text;
    return node.type === 'PLAIN' ? resolvePlainScalar(text) : text;
  }
  if (isSeq(node)) return node.items.map((item) => toConfig(item as YamlNode, doc, file));
  if (isMap(node)) {
    const out: ConfigObject = {};
    const merged: ConfigObject[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const isMergeKey = keyNode !== null && isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<';
      const value = pair.value === null ? null : toConfig(pair.value as YamlNode, doc, file);
      if (isMergeKey) {
        for (const source of Array.isArray(value) ? value : [value]) {
          if (source !== null && typeof source === 'object' && !Array.isArray(source)) merged.push(source as ConfigObject);
        }
        continue;
      }
      const key = keyNode === null ? null : toConfig(keyNode, doc, file);
      setKey(out, scalarText(key), value);
    }
    if (merged.length === 0) return out;
    const withMerges: ConfigObject = {};
    for (const source of merged) for (const key of Object.keys(source)) if (!(key in withMerges)) setKey(withMerges, key, source[key] as ConfigNode);
    for (const key of Object.keys(out)) setKey(withMerges, key, out[key] as ConfigNode);
    return withMerges;
  }
  throw new ConfigYamlError(file, null, null, 'unsupported YAML node');
}

/** Hydra's header rule: leading comment lines of the form `# @key value`; stops at the first other line. */
function readPackageHeader(text: string, file: string): string | null {
  let pkg: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.length === 0) continue;
    if (!/^#\s*@/.test(line)) break;
    const parts = line.replace(/^#+/, '').trim().split(' ').filter((p) => p.length > 0);
    if (parts.length !== 2) {
      throw new ConfigYamlError(file, null, null, `expected a header of the form '# @package <package>', got '${line}'`);
    }
    if (parts[0] === '@package') pkg = parts[1] as string;
  }
  return pkg;
}
