import { createLauncher as createAnyLauncher, type CreateLauncherOptions, type LauncherConfigInput } from './create-launcher.js';
import type { LauncherDefinition } from './launcher-definition.js';
import type { BuiltinLauncherName, Launcher, LauncherConfigs, LauncherInput } from './launcher-types.js';

/** A config whose launcher name is a plain `string` (read from a file, a flag): checked at run time only. */
export type DynamicLauncherInput<Name extends string> = string extends Name ? LauncherConfigInput & { readonly launcher?: Name | undefined } : never;

/**
 * `createLauncher`'s overloads. A literal config is checked against its launcher's schema at
 * compile time (an unknown field or launcher name is an error) and gives a launcher whose
 * `config` is that launcher's resolved type; configs known only at run time, Hydra `_target_`
 * configs and plug-in launchers are checked at run time.
 */
export interface CreateLauncher {
  /** The basic launcher (the default when `launcher` is left out). */
  (input?: LauncherInput<'basic'> & { readonly _target_?: undefined }, options?: CreateLauncherOptions): Launcher<LauncherConfigs['basic']>;
  /** A launcher picked by a name only known at run time (the default `never` refuses a literal config with no name). */
  <Name extends string = never>(input: DynamicLauncherInput<Name>, options?: CreateLauncherOptions): Launcher;
  /** A launcher picked by a Hydra `_target_` class path alone. */
  (input: LauncherConfigInput & { readonly _target_: string; readonly launcher?: undefined }, options?: CreateLauncherOptions): Launcher;
  /** A plug-in launcher (`options.launchers`) by its name or `_target_`. */
  (input: LauncherConfigInput, options: CreateLauncherOptions & { readonly launchers: readonly LauncherDefinition<object>[] }): Launcher;
  /** A built-in launcher by name (last, so a compile error names the offending field). */
  <Name extends BuiltinLauncherName>(input: LauncherInput<Name> & { readonly launcher: Name }, options?: CreateLauncherOptions): Launcher<LauncherConfigs[Name]>;
}

/** Validates a launcher config against its JSON Schema (throws `ConfigError` listing every violation) and returns the launcher. */
export const createLauncher: CreateLauncher = createAnyLauncher as CreateLauncher;
