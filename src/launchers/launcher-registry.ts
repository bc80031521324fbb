import { UnknownLauncherError } from '../errors.js';
import { compileChecker, type Checked } from '../schema/compile-validator.js';
import type { LauncherDefinition } from './launcher-definition.js';

/** A launcher definition with its compiled validator. */
export interface RegisteredLauncher {
  readonly definition: LauncherDefinition<object>;
  readonly check: (input: unknown) => Checked<object>;
}

/** Launchers by name and by Hydra `_target_`; immutable once built. */
export interface LauncherRegistry {
  readonly names: readonly string[];
  /** Finds a launcher by name or `_target_`; throws `UnknownLauncherError` listing the known ones. */
  get(nameOrTarget: string): RegisteredLauncher;
}

/** Builds a registry; schemas are compiled once here, not per launch. */
export function createLauncherRegistry(definitions: readonly LauncherDefinition<object>[]): LauncherRegistry {
  const byKey = new Map<string, RegisteredLauncher>();
  for (const definition of definitions) {
    const entry = { definition, check: compileChecker<object>(definition.schema) };
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
  };
}
