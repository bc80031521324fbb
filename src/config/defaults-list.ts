import { ConfigCompositionError, MissingConfigError } from './config-errors.js';
import type { ConfigSource } from './config-source.js';
import * as E from './defaults-entry.js';
import type { DefaultsEntry, GroupEntry } from './defaults-entry.js';
import type { GroupOverrides } from './group-overrides.js';

/** One config to merge, in order: what Hydra calls a `ResultDefault`. */
export interface ResultDefault {
  readonly configPath: string;
  /** Dotted package the content is merged at ('' for the root). */
  readonly package: string;
  readonly isSelf: boolean;
  readonly primary: boolean;
  /** The choice key (`db`, `db@backup`) for group options; null for plain configs and `_self_`. */
  readonly overrideKey: string | null;
}

/** The outcome of walking the defaults tree. */
export interface DefaultsList {
  readonly defaults: readonly ResultDefault[];
  /** Which option each group got (`hydra.runtime.choices`); null when a group chose nothing. */
  readonly choices: Readonly<Record<string, string | null>>;
}

/** The primary config used when none is named: an empty mapping. */
export const EMPTY_PRIMARY = '_dummy_empty_config_';

interface TreeNode {
  readonly node: DefaultsEntry | 'virtual-root';
  children: (TreeNode | DefaultsEntry)[] | null;
  readonly parent: TreeNode | null;
}

interface Walk {
  readonly source: ConfigSource;
  readonly overrides: GroupOverrides;
  readonly skipMissing: boolean;
}

/**
 * Hydra 1.3's defaults-list algorithm: builds the defaults tree of the primary config
 * (behind Hydra's own `hydra/config`), applying group overrides, appends and deletions
 * from the command line, then flattens it into the ordered list of configs to merge.
 */
export function createDefaultsList(source: ConfigSource, configName: string | null, overrides: GroupOverrides, options: { skipMissing: boolean }): DefaultsList {
  const walk: Walk = { source, overrides, skipMissing: options.skipMissing };
  const primary = E.configEntry(configName ?? EMPTY_PRIMARY, { primary: true });
  const root: TreeNode = { node: 'virtual-root', children: [E.configEntry('hydra/config'), primary], parent: null };
  const children: (TreeNode | DefaultsEntry)[] = [];
  for (const d of [...(root.children as DefaultsEntry[])].reverse()) {
    const sub: TreeNode = { node: d, children: null, parent: root };
    E.updateParent(d, '', '');
    expand(walk, sub, d.primary, false);
    children.push(sub.children === null ? d : sub);
  }
  root.children = children.reverse();
  const defaults = flatten(root);
  const seen = new Set<string>();
  for (const item of defaults) {
    if (item.isSelf || item.overrideKey === null) continue;
    if (seen.has(item.overrideKey)) throw new ConfigCompositionError(`${item.overrideKey} appears more than once in the final defaults list`);
    seen.add(item.overrideKey);
  }
  overrides.ensureUsed();
  return { defaults, choices: overrides.knownChoices() };
}

function expand(walk: Walk, root: TreeNode, isRootConfig: boolean, interpolated: boolean): void {
  const { source, overrides } = walk;
  const parent = root.node as DefaultsEntry;
  if (isRootConfig && source.load(E.configPath(parent)) === null) notFound(walk, root);
  if (!E.isMissingChoice(parent)) {
    const header = source.load(E.configPath(parent));
    if (header !== null) E.setPackageHeader(parent, header.packageHeader);
  }
  if (overrides.isDeleted(parent)) {
    overrides.markDeleted(parent);
    return;
  }
  overrides.setKnownChoice(parent);
  if (E.entryName(parent) === null) return;
  if (E.isMissingChoice(parent)) {
    if (walk.skipMissing) return;
    const key = E.overrideKey(parent);
    const options = source.listOptions(E.groupPath(parent)).map((o) => `\t${o}`).join('\n');
    throw new ConfigCompositionError(`You must specify '${key}', e.g, ${key}=<OPTION>\nAvailable options:\n${options}`);
  }
  const path = E.configPath(parent);
  const loaded = source.load(path);
  if (loaded === null) {
    if (parent.optional) {
      parent.deleted = true;
      return;
    }
    notFound(walk, root);
  }
  const list = E.parseDefaultsList(loaded.content['defaults'], path);
  if (parent.kind === 'group') aliasSelfOverrides(source, parent, list);
  if (list.length > 0 || (isRootConfig && overrides.appends.length > 0)) addImplicitSelf(list);
  if (isRootConfig) list.push(...overrides.appends.map((a) => ({ ...a, value: Array.isArray(a.value) ? [...a.value] : a.value })));
  registerOverrides(walk, list, parent, interpolated);

  const children: (TreeNode | DefaultsEntry)[] = [];
  const addChild = (entry: DefaultsEntry): void => {
    const sub: TreeNode = { node: entry, children: null, parent: root };
    expand(walk, sub, false, interpolated);
    children.push(sub.children === null ? entry : sub);
  };
  for (const d of [...list].reverse()) {
    if (E.isSelf(d)) {
      E.updateParent(d, parent.parentBaseDir ?? '', E.entryPackage(parent) ?? '');
      children.push(d);
      continue;
    }
    if (d.kind === 'group' && d.override) continue;
    E.updateParent(d, E.groupPath(parent), E.finalPackage(parent));
    if (d.kind === 'group' && overrides.isOverridden(d)) overrides.applyOverride(d);
    if (d.kind === 'group' && Array.isArray(d.value)) {
      for (const item of [...d.value].reverse()) {
        if (item.includes('${')) throw new ConfigCompositionError(`In '${path}': Defaults List interpolation is not supported in options list items`);
        const option = E.configEntry(`${d.group}/${item}`, { package: d.package, optional: d.optional });
        E.updateParent(option, E.groupPath(parent), E.finalPackage(parent));
        addChild(option);
      }
    } else if (E.isChoiceInterpolation(d)) {
      children.push(d);
    } else {
      addChild(d);
    }
  }
  resolveDeferred(walk, root, parent, children);
  if (children.length > 0) root.children = children.reverse();
}

function resolveDeferred(walk: Walk, root: TreeNode, parent: DefaultsEntry, children: (TreeNode | DefaultsEntry)[]): void {
  const known = walk.overrides.knownChoices();
  children.forEach((child, idx) => {
    if ('node' in child || !E.isChoiceInterpolation(child)) return;
    const text = child.kind === 'group' ? String(child.value) : child.path;
    const resolved = text.replace(/\$\{\s*([^{}]*?)\s*\}/g, (whole, key: string) => {
      const choice = known[key.trim()];
      return typeof choice === 'string' ? choice : whole;
    });
    if (resolved.includes('${')) {
      const keys = Object.keys(known);
      throw new ConfigCompositionError(`Error resolving interpolation '${text}'${keys.length > 0 ? `, possible interpolation keys: ${keys.join(', ')}` : ''}`);
    }
    if (child.kind === 'group') child.value = resolved;
    else child.path = resolved;
    const sub: TreeNode = { node: child, children: null, parent: root };
    E.updateParent(child, E.groupPath(parent), E.finalPackage(parent));
    expand(walk, sub, false, true);
    if (sub.children !== null) children[idx] = sub;
  });
}

/**
 * SpectraMind layouts let an option of a group pick a sibling option
 * (`hydra/launcher/default.yaml` holding `- override hydra/launcher: basic`).
 * Hydra would read that as the nonexistent group `hydra/launcher/hydra/launcher`;
 * here it includes the sibling at the option's own package, so `default` acts as
 * an alias. Only applies when the relative reading names no existing group.
 */
function aliasSelfOverrides(source: ConfigSource, parent: GroupEntry, list: DefaultsEntry[]): void {
  const ownGroup = E.groupPath(parent);
  list.forEach((d, idx) => {
    if (d.kind !== 'group' || !d.override || d.group.startsWith('/') || d.group !== ownGroup || typeof d.value !== 'string') return;
    if (source.groupExists(`${ownGroup}/${d.group}`)) return;
    if (d.value === E.entryName(parent)) {
      throw new ConfigCompositionError(`In '${E.configPath(parent)}': 'override ${d.group}: ${d.value}' selects the option itself; pick another option.`);
    }
    list[idx] = E.configEntry(`/${ownGroup}/${d.value}`, { package: '' });
  });
}

/** Hydra's `_validate_self`: one `_self_` at most; none plus real entries (or an empty list) means `_self_` last. */
function addImplicitSelf(list: DefaultsEntry[]): void {
  let hasSelf = false;
  let hasNonOverride = false;
  for (const d of list) {
    if (!(d.kind === 'group' && d.override)) hasNonOverride = true;
    if (E.isSelf(d)) {
      if (hasSelf) throw new ConfigCompositionError('Duplicate _self_ defined in the defaults list');
      hasSelf = true;
    }
  }
  if ((!hasSelf && hasNonOverride) || list.length === 0) list.push(E.configEntry('_self_'));
}

function registerOverrides(walk: Walk, list: DefaultsEntry[], parent: DefaultsEntry, interpolated: boolean): void {
  let lastOverride: GroupEntry | null = null;
  for (const d of list) {
    if (E.isSelf(d)) continue;
    E.updateParent(d, E.groupPath(parent), E.finalPackage(parent));
    const isOverride = d.kind === 'group' && d.override;
    if (lastOverride !== null && !isOverride && !(d.kind === 'group' && d.externalAppend)) {
      throw new ConfigCompositionError(
        `In ${E.configPath(parent)}: Override '${E.overrideKey(lastOverride)} : ${String(E.entryName(lastOverride))}' is defined before '${E.overrideKey(d)}: ${String(E.entryName(d))}'.\nOverrides must be at the end of the defaults list`,
      );
    }
    if (d.kind === 'group' && d.override) {
      lastOverride = d;
      if (interpolated) {
        throw new ConfigCompositionError(`${E.configPath(parent)}: Default List Overrides are not allowed in the subtree of an interpolated config group (override ${E.overrideKey(d)}=${String(E.entryName(d))}).`);
      }
      walk.overrides.addFromDefaults(E.configPath(parent), d);
    }
  }
}

function notFound(walk: Walk, tree: TreeNode): never {
  const element = tree.node as DefaultsEntry;
  const search = `\nConfig search path:\n${walk.source.describe().map((line) => `\t${line}`).join('\n')}`;
  if (element.primary) {
    throw new MissingConfigError(E.configPath(element), `Cannot find primary config '${E.configPath(element)}'. Check that it's in your config search path.${search}`, null);
  }
  let options: readonly string[] | null = null;
  let msg: string;
  if (element.kind === 'group') {
    const group = E.groupPath(element);
    options = walk.source.listOptions(group);
    msg = `Could not find '${E.configPath(element)}'\n`;
    if (options.length > 0) msg += `\nAvailable options in '${group}':\n${options.map((o) => `\t${o}`).join('\n')}`;
  } else {
    msg = `Could not load '${E.configPath(element)}'.\n`;
  }
  const parentNode = tree.parent?.node;
  if (parentNode !== undefined && parentNode !== 'virtual-root') msg = `In '${E.configPath(parentNode)}': ${msg}`;
  throw new MissingConfigError(E.configPath(element), msg + search, options);
}

function flatten(tree: TreeNode): ResultDefault[] {
  const out: ResultDefault[] = [];
  const visit = (owner: TreeNode | null, node: DefaultsEntry): void => {
    if (node.deleted || E.isMissingChoice(node) || E.entryName(node) === null) return;
    if (E.configPath(node) === EMPTY_PRIMARY) return;
    if (E.isSelf(node)) {
      const holder = owner?.node as DefaultsEntry;
      if (E.configPath(holder) === EMPTY_PRIMARY) return;
      out.push({ configPath: E.configPath(holder), package: E.finalPackage(holder), isSelf: true, primary: holder.primary, overrideKey: null });
      return;
    }
    out.push({ configPath: E.configPath(node), package: E.finalPackage(node), isSelf: false, primary: node.primary, overrideKey: node.kind === 'group' ? E.overrideKey(node) : null });
  };
  const walkTree = (t: TreeNode): void => {
    if (t.children === null || t.children.length === 0) {
      if (t.node !== 'virtual-root') visit(t.parent, t.node);
      return;
    }
    for (const child of t.children) {
      if ('node' in child) walkTree(child);
      else visit(t, child);
    }
  };
  walkTree(tree);
  return out;
}
