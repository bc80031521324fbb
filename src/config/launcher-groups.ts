import { basicLauncher } from '../launchers/basic/basic-launcher.js';
import { kaggleLauncher } from '../launchers/kaggle/kaggle-launcher.js';
import type { LauncherDefinition } from '../launchers/launcher-definition.js';
import { localLauncher } from '../launchers/local/local-launcher.js';
import { slurmLauncher } from '../launchers/slurm/slurm-launcher.js';
import type { ConfigNode, ConfigObject } from './config-tree.js';

/** The launchers every composition knows as `hydra/launcher=<name>`. */
export const BUILTIN_LAUNCHER_DEFINITIONS: readonly LauncherDefinition<object>[] = [basicLauncher, localLauncher, slurmLauncher, kaggleLauncher] as unknown as LauncherDefinition<object>[];

interface SchemaProperty {
  readonly default?: unknown;
}

/**
 * The `hydra/launcher/<name>` option of a launcher, generated from its JSON Schema as Hydra's
 * launcher plugins register a structured config: `_target_`, `launcher`, then every field with
 * its default, or null when it has none (null means "not set": the schema's default applies).
 * So `hydra.launcher.<field>=...` overrides any field without `+`.
 */
export function launcherGroupNode(definition: LauncherDefinition<object>): ConfigObject {
  const properties = ((definition.schema as { properties?: Record<string, SchemaProperty> }).properties ?? {});
  // The Hydra class this launcher stands for when it answers to exactly one (basic, submitit's slurm); else our own name.
  const target = definition.targets?.length === 1 ? (definition.targets[0] as string) : `spectramind_launch.launchers.${definition.name}`;
  const node: ConfigObject = { _target_: target, launcher: definition.name };
  for (const [field, property] of Object.entries(properties)) {
    if (field === '_target_' || field === 'launcher') continue;
    node[field] = property.default === undefined ? null : (structuredClone(property.default) as ConfigNode);
  }
  return node;
}

/** The `hydra/launcher` options of a list of launchers, by name; later definitions win. */
export function launcherGroupNodes(definitions: readonly LauncherDefinition<object>[]): Record<string, ConfigObject> {
  return Object.fromEntries(definitions.map((definition) => [definition.name, launcherGroupNode(definition)]));
}
