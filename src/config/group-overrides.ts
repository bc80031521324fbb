import type { Override } from '../overrides/index.js';
import { ConfigCompositionError } from './config-errors.js';
import type { ConfigSource } from './config-source.js';
import * as E from './defaults-entry.js';
import type { DefaultsEntry, GroupEntry } from './defaults-entry.js';

interface OverrideMeta {
  readonly external: boolean;
  readonly containingConfigPath: string | null;
  used: boolean;
}

/** Bookkeeping of one composition's group choices: Hydra's `Overrides`. */
export interface GroupOverrides {
  /** `+group=option` entries, appended to the primary config's defaults list. */
  readonly appends: readonly GroupEntry[];
  /** Overrides that edit values (`a.b=1`, `+x=2`, `~y`), applied after merging. */
  readonly configOverrides: readonly Override[];
  isOverridden(entry: GroupEntry): boolean;
  applyOverride(entry: GroupEntry): void;
  addFromDefaults(containingConfigPath: string, entry: GroupEntry): void;
  isDeleted(entry: DefaultsEntry): boolean;
  markDeleted(entry: DefaultsEntry): void;
  setKnownChoice(entry: DefaultsEntry): void;
  knownChoices(): Record<string, string | null>;
  /** Throws for a command-line group override or deletion that matched nothing. */
  ensureUsed(): void;
}

/** Sorts command-line overrides into group choices, appends, deletions and value edits. */
export function createGroupOverrides(source: ConfigSource, overrides: readonly Override[]): GroupOverrides {
  const choices = new Map<string, string | string[] | null>();
  const meta = new Map<string, OverrideMeta>();
  const appends: GroupEntry[] = [];
  const configOverrides: Override[] = [];
  const deletions = new Map<string, { name: string | null; used: boolean }>();
  const known = new Map<string, string | null>();
  const knownPerGroup = new Map<string, Set<string>>();

  for (const override of overrides) {
    if (isSweepOverride(override)) continue;
    if (!isGroupOverride(source, override)) {
      configOverrides.push(override);
      continue;
    }
    const keyElement = override.package === null ? override.key : `${override.key}@${override.package}`;
    if (override.kind === 'force-add') {
      throw new ConfigCompositionError(`force-add of config groups is not supported: '${override.input}'. Use +${override.input.slice(2)} to add the group, or ${override.input.slice(2)} to change it.`);
    }
    // `~group=null` is `~group` (what the sweeper passes a job for a bare `~group`): delete whatever is selected.
    const choice = override.kind === 'delete' && override.value?.kind === 'null' ? null : groupChoice(override);
    if (override.kind === 'delete') {
      if (Array.isArray(choice)) throw new ConfigCompositionError(`Config group override deletion value must be a string: '${override.input}'`);
      deletions.set(keyElement, { name: choice, used: false });
    } else if (override.kind === 'add') {
      appends.push(E.groupEntry(override.key, choice, { package: override.package, externalAppend: true }));
    } else {
      choices.set(keyElement, choice);
      meta.set(keyElement, { external: true, containingConfigPath: null, used: false });
    }
  }

  return {
    appends,
    configOverrides,
    isOverridden: (entry) => choices.has(E.overrideKey(entry)),
    applyOverride(entry) {
      const key = E.overrideKey(entry);
      if (!choices.has(key)) return;
      entry.value = copyChoice(choices.get(key) ?? null);
      const m = meta.get(key);
      if (m !== undefined) m.used = true;
    },
    addFromDefaults(containingConfigPath, entry) {
      const key = E.overrideKey(entry);
      if (choices.has(key)) return;
      choices.set(key, copyChoice(entry.value));
      meta.set(key, { external: false, containingConfigPath, used: false });
    },
    isDeleted(entry) {
      if (entry.kind !== 'group') return false;
      const deletion = deletions.get(E.overrideKey(entry));
      if (deletion === undefined) return false;
      return deletion.name === null || deletion.name === E.entryName(entry);
    },
    markDeleted(entry) {
      entry.deleted = true;
      const deletion = deletions.get(E.overrideKey(entry));
      if (deletion !== undefined) deletion.used = true;
    },
    setKnownChoice(entry) {
      if (entry.kind !== 'group') return;
      const key = E.overrideKey(entry);
      const name = E.entryName(entry);
      if (!known.has(key)) known.set(key, name);
      else if (known.get(key) !== name) {
        throw new ConfigCompositionError(`Multiple values for ${key}. To override a value use 'override ${key}: ${String(known.get(key))}'`);
      }
      const group = E.groupPath(entry);
      if (!knownPerGroup.has(group)) knownPerGroup.set(group, new Set());
      knownPerGroup.get(group)?.add(key);
    },
    knownChoices: () => Object.fromEntries(known),
    ensureUsed() {
      for (const [key, m] of meta) {
        if (m.used) continue;
        const group = key.split('@')[0] as string;
        const candidates = [...(knownPerGroup.get(group) ?? [])].sort();
        let msg =
          candidates.length > 1
            ? `Could not override '${key}'.\nDid you mean to override one of ${candidates.join(', ')}?`
            : candidates.length === 1
              ? `Could not override '${key}'.\nDid you mean to override ${candidates[0]}?`
              : `Could not override '${key}'. No match in the defaults list.`;
        if (m.containingConfigPath !== null) msg = `In '${m.containingConfigPath}': ${msg}`;
        if (m.external) msg += `\nTo append to your default list use +${key}=${choiceText(choices.get(key) ?? null)}`;
        throw new ConfigCompositionError(msg);
      }
      for (const [key, deletion] of deletions) {
        if (!deletion.used) {
          const desc = deletion.name === null ? key : `${key}=${deletion.name}`;
          throw new ConfigCompositionError(`Could not delete '${desc}'. No match in the defaults list`);
        }
      }
    },
  };
}

/** True for a sweep (`a,b`, `range(...)`, `glob(...)`): composition skips those. */
export function isSweepOverride(override: Override): boolean {
  const kind = override.value?.kind;
  return kind === 'choice' || kind === 'range' || kind === 'interval' || kind === 'glob';
}

/** True when an override picks, adds or removes a config group option rather than editing a value (Hydra's split). */
export function isGroupOverride(source: ConfigSource, override: Override): boolean {
  return !isSweepOverride(override) && override.value?.kind !== 'dict' && source.groupExists(override.key);
}

function groupChoice(override: Override): string | string[] | null {
  const value = override.value;
  if (value === null) return null;
  if (value.kind === 'string') return value.value;
  if (value.kind === 'list') {
    return value.items.map((item) => {
      if (item.kind !== 'string') throw new ConfigCompositionError(`Options of config group '${override.key}' must be names, got ${item.kind} in '${override.input}'.`);
      return item.value;
    });
  }
  throw new ConfigCompositionError(
    `Config group override must be a string or a list, got ${value.kind} in '${override.input}'. Name an option of '${override.key}' (e.g. ${override.key}=<option>).`,
  );
}

function copyChoice(value: string | string[] | null): string | string[] | null {
  return Array.isArray(value) ? [...value] : value;
}

function choiceText(value: string | string[] | null): string {
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}
