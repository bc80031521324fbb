import type { HydraSettingsInput } from '../run/hydra-settings.js';
import type { Composed } from './compose.js';
import { isConfigObject, scalarText, toPlainData } from './config-tree.js';
import type { ConfigNode } from './config-tree.js';
import { parseInterpolationString } from './interpolation-grammar.js';
import type { Segment } from './interpolation-grammar.js';
import { createNodeResolver } from './resolve-config.js';

/** Per-job keys a path template keeps for the launch engine to fill in for each job. */
const PER_JOB = /^hydra[.:]job\.(num|id|override_dirname)$/;
/** Launch-folder keys a launcher field keeps, so the backend puts them under the folder it claimed (never nested). */
const LAUNCH_DIR = /^hydra[.:](sweep|run)\.dir$/;


/** The key an interpolation segment reads (`hydra.job.num` or `hydra:job.num`), or '' for other segments. */
function keyOf(segment: Segment): string {
  if (segment.kind === 'node' && segment.dots === 0) return segment.source.slice(2, -1).trim();
  if (segment.kind === 'resolver' && segment.name === 'hydra') return `hydra:${segment.source.slice(8, -1).trim()}`;
  return '';
}

function keptKey(segment: Segment, pattern: RegExp): boolean {
  const key = keyOf(segment);
  return key !== '' && pattern.test(key);
}

/** A composition's resolver plus the two ways `hydra` values are read: as path templates, or resolved. */
export interface ComposedReader {
  /** A path template at `hydra.<path>`: resolved, except `${now:...}` and per-job keys, which the engine fills per job. */
  template(path: readonly string[]): string | undefined;
  /**
   * A launcher field at `hydra.<path>`: resolved, except `${hydra.sweep.dir}`/`${hydra.run.dir}`, which the
   * backend replaces with the folder it claimed (so a folder is never nested in the launch folder).
   */
  launcherField(path: readonly string[]): unknown;
  /** The value at `hydra.<path>` fully resolved, as plain data; undefined when absent. */
  resolved(path: readonly string[]): unknown;
}

/** Reads a composition's `hydra` node with its launch time, env and resolvers. */
export function readComposed(composed: Composed): ComposedReader {
  const resolver = createNodeResolver(composed.config, {
    hydra: composed.hydra,
    now: composed.now,
    env: composed.env,
    resolvers: composed.resolvers,
    throwOnMissing: true,
  });
  const at = (path: readonly string[]): ConfigNode | undefined => {
    let node: ConfigNode | undefined = composed.hydra;
    for (const part of path) node = isConfigObject(node) ? node[part] : undefined;
    return node;
  };
  return {
    template(path) {
      const node = at(path);
      if (node === undefined || node === null) return undefined;
      if (typeof node !== 'string') return scalarText(node);
      return parseInterpolationString(node)
        .map((segment) => {
          if (segment.kind === 'text') return segment.text.replace(/\$\{/g, '\\${');
          if (segment.kind === 'resolver' && segment.name === 'now') return segment.source;
          if (keptKey(segment, PER_JOB)) return segment.source;
          return scalarText(resolver.resolveText(segment.source, ['hydra', ...path]));
        })
        .join('');
    },
    launcherField(path) {
      const node = at(path);
      if (typeof node !== 'string' || !node.includes('${')) return node === undefined ? undefined : toPlainData(resolver.resolveAt(['hydra', ...path]));
      const segments = parseInterpolationString(node);
      if (!segments.some((segment) => keptKey(segment, LAUNCH_DIR))) return toPlainData(resolver.resolveAt(['hydra', ...path]));
      return segments
        .map((segment) => {
          if (segment.kind === 'text') return segment.text;
          if (keptKey(segment, LAUNCH_DIR)) return '${hydra.' + keyOf(segment).replace(/^hydra[.:]/, '') + '}';
          return scalarText(resolver.resolveText(segment.source, ['hydra', ...path]));
        })
        .join('');
    },
    resolved(path) {
      return at(path) === undefined ? undefined : toPlainData(resolver.resolveAt(['hydra', ...path]));
    },
  };
}

/**
 * The output settings (`hydra.run`, `hydra.sweep`, `hydra.output_subdir`, `hydra.job`) of one
 * composition, as `createLauncher` takes them: job values resolved (`seed_${seed}` becomes
 * `seed_3` for the job with `seed=3`), `${now:...}` and per-job keys kept for the engine.
 */
export function hydraSettingsFromComposed(composed: Composed, reader: ComposedReader = readComposed(composed)): HydraSettingsInput {
  const hydra = composed.hydra;
  const job = isConfigObject(hydra['job']) ? hydra['job'] : {};
  const hasDirname = isConfigObject(job['config']) && isConfigObject(job['config']['override_dirname']);
  const settings: Record<string, unknown> = {
    run: definedOnly({ dir: reader.template(['run', 'dir']) }),
    sweep: definedOnly({ dir: reader.template(['sweep', 'dir']), subdir: reader.template(['sweep', 'subdir']) }),
    output_subdir: hydra['output_subdir'] === null ? null : reader.template(['output_subdir']),
    job: definedOnly({
      name: reader.resolved(['job', 'name']),
      chdir: reader.resolved(['job', 'chdir']),
      env_set: reader.resolved(['job', 'env_set']),
      env_copy: reader.resolved(['job', 'env_copy']),
      override_dirname: hasDirname ? reader.resolved(['job', 'config', 'override_dirname']) : undefined,
    }),
  };
  if (settings['output_subdir'] === undefined) delete settings['output_subdir'];
  return settings as HydraSettingsInput;
}

function definedOnly(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
