import { resolve } from 'node:path';
import { parseAll } from '../config/compose.js';
import type { Composed } from '../config/compose.js';
import { createComposer } from '../config/create-composer.js';
import type { Composer } from '../config/create-composer.js';
import { createDefaultsList } from '../config/defaults-list.js';
import { createGroupOverrides } from '../config/group-overrides.js';
import { launcherInputFromComposed } from '../config/launcher-input.js';
import { createNodeResolver } from '../config/resolve-config.js';
import { toPlainData } from '../config/config-tree.js';
import { toYaml } from '../run/snapshots/to-yaml.js';
import { expandSweep } from '../sweep/index.js';
import { table } from './format-summary.js';
import type { CfgPart, CliFlags, InfoPart } from './parse-cli-args.js';

/** The composition `--cfg` and `--info` show: the first job's, as Hydra does for a multirun. */
export function composeForDisplay(flags: CliFlags, overrides: readonly string[], cwd: string): { composer: Composer; composed: Composed; overrides: string[] } {
  const composer = createComposer({ configDir: resolve(cwd, flags.configDir), configName: flags.configName });
  const first = flags.multirun ? (expandSweep(overrides).jobAt(0) ?? []) : [...overrides];
  const composed = composer.compose({ overrides: first, cwd, mode: flags.multirun ? 'multirun' : 'run' });
  return { composer, composed, overrides: first };
}

/** `--cfg job|hydra|all` as Hydra prints it: YAML, interpolations kept unless `--resolve`. */
export function renderCfg(composed: Composed, part: CfgPart, resolveValues: boolean): string {
  const resolver = createNodeResolver(composed.config, { hydra: composed.hydra, now: composed.now, env: composed.env, resolvers: composed.resolvers });
  const job = resolveValues ? toPlainData(resolver.resolveAt([])) : composed.config;
  const { hydra: _dropped, ...jobOnly } = job as Record<string, unknown>;
  const hydra = resolveValues ? toPlainData(resolver.resolveAt(['hydra'])) : composed.hydra;
  switch (part) {
    case 'job':
      return toYaml(jobOnly);
    case 'hydra':
      return toYaml({ hydra });
    case 'all':
      return toYaml({ ...jobOnly, hydra });
  }
}

/** `--info`: the search path, the defaults list with each group's choice, and the launcher chosen. */
export function renderInfo(composer: Composer, composed: Composed, overrides: readonly string[], flags: CliFlags, part: InfoPart): string {
  const sections: string[] = [];
  if (part === 'all' || part === 'searchpath') {
    sections.push(['Config search path', ...composer.source.describe().map((line) => `  ${line}`)].join('\n'));
  }
  if (part === 'all' || part === 'defaults') {
    const parsed = parseAll(overrides);
    const list = createDefaultsList(composer.source, flags.configName, createGroupOverrides(composer.source, parsed), { skipMissing: flags.multirun });
    const rows = list.defaults.map((d) => [d.configPath, d.package === '' ? '(root)' : d.package, d.overrideKey ?? (d.isSelf ? '_self_' : d.primary ? 'primary' : '')]);
    const choices = Object.entries(list.choices).map(([group, choice]) => `  ${group}: ${choice ?? '(none)'}`);
    sections.push(['Defaults list (merged top to bottom)', ...table(['config', 'package', 'from'], rows).map((l) => `  ${l}`)].join('\n'));
    sections.push(['Choices', ...choices].join('\n'));
  }
  if (part === 'all' || part === 'config') {
    const { input } = launcherInputFromComposed(composed);
    const { hydra: _settings, ...fields } = input;
    const name = String(fields.launcher ?? fields._target_ ?? 'basic');
    sections.push([`Launcher: ${name}`, ...toYaml(fields).trimEnd().split('\n').map((l) => `  ${l}`)].join('\n'));
    sections.push(['Config (job, unresolved)', ...toYaml(composed.config).trimEnd().split('\n').map((l) => `  ${l}`)].join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}
