import { ConfigCompositionError } from './config-errors.js';
import { isConfigObject } from './config-tree.js';
import type { ConfigNode } from './config-tree.js';

/**
 * One entry of a defaults list, as Hydra 1.3 models it: a config path (`- base`,
 * `- _self_`) or a group choice (`- optional override db@pkg: mysql`). Entries are
 * annotated in place while the defaults tree is built (parent folder, parent
 * package, header, deleted), like Hydra's `InputDefault`s.
 */
interface EntryBase {
  /** Package written after `@`, null when absent; `_here_` is stored as ''. */
  package: string | null;
  parentBaseDir: string | null;
  parentPackage: string | null;
  /** The target file's `# @package` header, made absolute (`_global_.x`). */
  packageHeader: string | null;
  primary: boolean;
  optional: boolean;
  deleted: boolean;
}

/** `- base`, `- /abs/path`, `- _self_`, or one option of a list choice. */
export interface ConfigEntry extends EntryBase {
  readonly kind: 'config';
  path: string;
}

/** `- group: option`, `- group: [a, b]`, `- group: null`, with `optional` / `override` keywords. */
export interface GroupEntry extends EntryBase {
  readonly kind: 'group';
  readonly group: string;
  value: string | string[] | null;
  readonly override: boolean;
  /** Added from the command line with `+group=option`: its group is absolute. */
  readonly externalAppend: boolean;
}

export type DefaultsEntry = ConfigEntry | GroupEntry;

/** Creates a config entry. */
export function configEntry(path: string, init: { package?: string | null; optional?: boolean; primary?: boolean } = {}): ConfigEntry {
  if (path === '_self_' && init.package != null) throw new ConfigCompositionError('_self_@PACKAGE is not supported');
  return { kind: 'config', path, ...base(init.package ?? null, init.optional ?? false, init.primary ?? false) };
}

/** Creates a group entry. */
export function groupEntry(
  group: string,
  value: string | string[] | null,
  init: { package?: string | null; optional?: boolean; override?: boolean; externalAppend?: boolean } = {},
): GroupEntry {
  return {
    kind: 'group',
    group,
    value,
    override: init.override ?? false,
    externalAppend: init.externalAppend ?? false,
    ...base(init.package ?? null, init.optional ?? false, false),
  };
}

function base(pkg: string | null, optional: boolean, primary: boolean): EntryBase {
  return { package: pkg === '_here_' ? '' : pkg, parentBaseDir: null, parentPackage: null, packageHeader: null, primary, optional, deleted: false };
}

/** Reads a `defaults:` list; `where` names the config in errors. */
export function parseDefaultsList(raw: ConfigNode | undefined, where: string): DefaultsEntry[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new ConfigCompositionError(
      `Invalid defaults list in '${where}': defaults must be a list (got ${isConfigObject(raw) ? 'mapping' : typeof raw}). Write it as:\ndefaults:\n  - db: mysql\n  - _self_`,
    );
  }
  return raw.map((item) => {
    if (typeof item === 'string') {
      const [path, pkg] = splitPackage(item);
      return configEntry(path, { package: pkg });
    }
    if (isConfigObject(item)) {
      const keys = Object.keys(item);
      if (keys.length !== 1) {
        throw new ConfigCompositionError(
          `In '${where}': ${keys.length === 0 ? 'missing group name in' : 'too many keys in'} defaults entry {${keys.join(', ')}}; write one 'group: option' per entry.`,
        );
      }
      const key = keys[0] as string;
      const words = key.split(' ');
      const groupWithPkg = words.pop() as string;
      let optional = false;
      let override = false;
      for (const word of words) {
        if (word === 'optional') optional = true;
        else if (word === 'override') override = true;
        else break;
      }
      const [group, pkg] = splitPackage(groupWithPkg);
      return groupEntry(group, readChoice(item[key] as ConfigNode, where, key), { package: pkg, optional, override });
    }
    throw new ConfigCompositionError(
      `In '${where}': unsupported defaults entry ${JSON.stringify(item)}; use '- group: option', '- config_name' or '- _self_'.`,
    );
  });
}

function readChoice(value: ConfigNode, where: string, key: string): string | string[] | null {
  if (value === null || typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (typeof item !== 'string') {
        throw new ConfigCompositionError(`In '${where}': options of '${key}' must be strings, got ${JSON.stringify(item)}.`);
      }
      return item;
    });
  }
  throw new ConfigCompositionError(
    `In '${where}': unsupported value for defaults entry '${key}': ${String(value)}. Use an option name, a list of option names, or null.`,
  );
}

/** Splits `group@package` (a `pkg1:pkg2` rename keeps its first part); an empty package means none. */
export function splitPackage(text: string): [string, string | null] {
  const at = text.indexOf('@');
  if (at === -1) return [text, null];
  let pkg = text.slice(at + 1);
  const colon = pkg.indexOf(':');
  if (colon !== -1) pkg = pkg.slice(0, colon);
  return [text.slice(0, at), pkg === '' ? null : pkg];
}

/** True for `- _self_`. */
export function isSelf(entry: DefaultsEntry): boolean {
  return entry.kind === 'config' ? entry.path === '_self_' : entry.value === '_self_';
}

/** The config group folder this entry selects from. */
export function groupPath(entry: DefaultsEntry): string {
  const parentDir = entry.parentBaseDir ?? '';
  if (entry.kind === 'group') {
    const absolute = entry.group.startsWith('/') || entry.externalAppend;
    const group = entry.group.startsWith('/') ? entry.group.slice(1) : entry.group;
    return parentDir === '' || absolute ? group : `${parentDir}/${group}`;
  }
  const absolute = entry.path.startsWith('/');
  const path = absolute ? entry.path.slice(1) : entry.path;
  const slash = path.lastIndexOf('/');
  const group = slash === -1 ? '' : path.slice(0, slash);
  if (absolute || parentDir === '') return group;
  return group === '' ? parentDir : `${parentDir}/${group}`;
}

/** The option name (null for `group: null`). Only meaningful for non-list entries. */
export function entryName(entry: DefaultsEntry): string | null {
  if (entry.kind === 'group') return Array.isArray(entry.value) ? null : entry.value;
  const slash = entry.path.lastIndexOf('/');
  return slash === -1 ? entry.path : entry.path.slice(slash + 1);
}

/** The config's path in the source, e.g. `server/db/mysql`. */
export function configPath(entry: DefaultsEntry): string {
  if (entry.kind === 'group') return `${groupPath(entry)}/${String(entryName(entry))}`;
  const absolute = entry.path.startsWith('/');
  const path = absolute ? entry.path.slice(1) : entry.path;
  const parentDir = entry.parentBaseDir ?? '';
  return absolute || parentDir === '' ? path : `${parentDir}/${path}`;
}

/** Records where an entry sits: its parent's folder and package (Hydra's `update_parent`). */
export function updateParent(entry: DefaultsEntry, parentBaseDir: string, parentPackage: string): void {
  entry.parentBaseDir = parentBaseDir;
  entry.parentPackage = parentPackage;
  if (entry.package !== null && entry.package.includes('_group_')) {
    entry.package = `_global_.${entry.package.replace('_group_', defaultPackage(entry))}`;
  }
}

/** The header is always absolute: `# @package foo` is stored as `_global_.foo`. */
export function setPackageHeader(entry: DefaultsEntry, header: string | null): void {
  if (header === null) return;
  entry.packageHeader = header === '_global_' || header.startsWith('_global_.') ? header : header === '' ? '_global_' : `_global_.${header}`;
}

/** The package a group lands in when nothing says otherwise: its path with dots. */
export function defaultPackage(entry: DefaultsEntry): string {
  return groupPath(entry).replace(/\//g, '.');
}

/** The explicit package, else (optionally) the header. */
export function entryPackage(entry: DefaultsEntry, useHeader = true): string | null {
  return entry.package === null && useHeader ? entry.packageHeader : entry.package;
}

/** Where the entry's content is merged, relative to the root (`_global_` prefixes resolved). */
export function finalPackage(entry: DefaultsEntry, useHeader = true): string {
  const parentPackage = entry.kind === 'group' && entry.externalAppend ? '' : (entry.parentPackage ?? '');
  let pkg = entryPackage(entry, useHeader);
  if (pkg === null) pkg = relativeGroupPath(entry).replace(/\//g, '.');
  const joined = parentPackage === '' ? pkg : pkg === '' ? parentPackage : `${parentPackage}.${pkg}`;
  const last = joined.lastIndexOf('_global_');
  return last === -1 ? joined : joined.slice(last + '_global_'.length + 1);
}

function relativeGroupPath(entry: DefaultsEntry): string {
  if (entry.kind === 'group') return entry.group.startsWith('/') ? entry.group.slice(1) : entry.group;
  const path = entry.path.startsWith('/') ? entry.path.slice(1) : entry.path;
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** The key that names this choice in overrides and `hydra.runtime.choices`: `db`, `db@backup`, `server@_global_`. */
export function overrideKey(entry: DefaultsEntry): string {
  const finalPkg = finalPackage(entry, false);
  const key = groupPath(entry);
  if (defaultPackage(entry) === finalPkg) return key;
  return `${key}@${finalPkg === '' ? '_global_' : finalPkg}`;
}

/** True when the option is `???` (must be chosen on the command line). */
export function isMissingChoice(entry: DefaultsEntry): boolean {
  return entryName(entry) === '???';
}

/** True when the option name is an interpolation such as `${db}`. */
export function isChoiceInterpolation(entry: DefaultsEntry): boolean {
  const name = entry.kind === 'config' ? configPath(entry) : entryName(entry);
  return typeof name === 'string' && name.includes('${');
}
