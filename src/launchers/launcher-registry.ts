import { UnknownLauncherError } from '../errors.js';
import { compileChecker, type Checked } from '../schema/compile-validator.js';
import { withCommonFields } from '../schema/with-common-fields.js';
import type { LauncherCommonConfig, LauncherDefinition } from './launcher-definition.js';

/** A launcher definition with its compiled validator. */
export interface RegisteredLauncher {
  readonly definition: LauncherDefinition;
  readonly check: (input: unknown) => Checked<LauncherCommonConfig>;
}

/** Launchers by name and by Hydra `_target_`; immutable once built. */
export interface LauncherRegistry {
  readonly names: readonly string[];
  /** Finds a launcher by name or `_target_`; throws `UnknownLauncherError` listing the known ones. */
  get(nameOrTarget: string): RegisteredLauncher;
  /** Like `get`, but null for an unknown key. */
  find(nameOrTarget: string): RegisteredLauncher | null;
}

/** Builds a registry; schemas (with the shared launcher fields) are compiled once here, not per launch. */
export function createLauncherRegistry(definitions: readonly LauncherDefinition[]): LauncherRegistry {
  const byKey = new Map<string, RegisteredLauncher>();
  for (const definition of definitions) {
    const entry = { definition, check: compileChecker<LauncherCommonConfig>(withCommonFields(definition.schema)) };
    byKey.set(definition.name, entry);
    for (const target of definition.targets ?? []) byKey.set(target, entry);
  }
  const names = definitions.map((d) => d.name);
  return {
    names,
    get(nameOrTarget) {
      const entry = byKey.get(nameOrTarget);
      if (entry === undefined) throw new UnknownLauncherError(nameOrTarget, names);
      return entry;
    },
    find: (nameOrTarget) => byKey.get(nameOrTarget) ?? null,
  };
}
