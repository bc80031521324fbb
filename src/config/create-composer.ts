import type { Override } from '../overrides/index.js';
import { checkSweeps, composeBase, finishComposition, parseAll, valueOverrides, withHydraConfigs } from './compose.js';
import type { ComposeOptions, Composed } from './compose.js';
import { ConfigCompositionError } from './config-errors.js';
import { cloneNode } from './config-tree.js';
import type { ConfigObject } from './config-tree.js';
import type { ConfigSource } from './config-source.js';
import type { LauncherDefinition } from '../launchers/launcher-definition.js';
import { createDirectoryConfigSource } from './directory-config-source.js';
import { isGroupOverride } from './group-overrides.js';

/** What a composer is bound to: one folder (or source) and one primary config. */
export interface ComposerOptions {
  readonly configDir?: string;
  readonly source?: ConfigSource;
  /** @default 'config' */
  readonly configName?: string | null;
  /** Registered launchers (beside the built-ins) whose `hydra/launcher/<name>` groups composition provides. @default [] */
  readonly launchers?: readonly LauncherDefinition<object>[];
  /** How many distinct group-choice combinations to keep merged. @default 256 */
  readonly cacheSize?: number;
}

/** Per-composition options: everything `compose` takes except the folder and the primary config. */
export type ComposerComposeOptions = Omit<ComposeOptions, 'source' | 'configDir' | 'configName' | 'launchers'>;

/** Composes many jobs of one folder: the fast path for sweeps. */
export interface Composer {
  /** The source it reads (the user's folder, with the embedded Hydra configs behind it). */
  readonly source: ConfigSource;
  compose(options?: ComposerComposeOptions): Composed;
}

/**
 * A composer for the jobs of a sweep. Files are read once, and the merged defaults tree is
 * kept per combination of group choices (`model=a` vs `model=b`), so a job that only changes
 * values (`lr=0.1`) costs a copy plus its edits. Gives the same result as `compose`.
 */
export function createComposer(options: ComposerOptions): Composer {
  const user = options.source ?? (options.configDir !== undefined ? createDirectoryConfigSource(options.configDir) : undefined);
  if (user === undefined) throw new ConfigCompositionError('createComposer() needs a config folder: pass configDir (a path) or source (a ConfigSource).');
  const source = withHydraConfigs(user, options.launchers);
  const configName = options.configName === undefined ? 'config' : options.configName;
  const cacheSize = options.cacheSize ?? 256;
  const bases = new Map<string, { merged: ConfigObject; choices: Readonly<Record<string, string | null>> }>();

  return {
    source,
    compose(composeOptions = {}) {
      const parsed: Override[] = parseAll(composeOptions.overrides ?? []);
      const mode = composeOptions.mode ?? 'run';
      checkSweeps(parsed, mode);
      const key = [mode, ...parsed.filter((o) => isGroupOverride(source, o)).map((o) => o.input)].join('\u0000');
      let base = bases.get(key);
      if (base === undefined) {
        base = composeBase(source, configName, parsed, mode);
        if (bases.size >= cacheSize) bases.delete(bases.keys().next().value as string);
        bases.set(key, base);
      }
      return finishComposition(cloneNode(base.merged), { ...base.choices }, parsed, valueOverrides(source, parsed), { ...composeOptions, configName, mode });
    },
  };
}
