import { InterpolationError, MissingMandatoryValueError } from './config-errors.js';
import { MISSING, isConfigObject, isInterpolation, scalarText, setKey } from './config-tree.js';
import type { ConfigNode, ConfigObject } from './config-tree.js';
import { parseArgument, parseInterpolationString } from './interpolation-grammar.js';
import { InterpolationSyntaxError } from './interpolation-reader.js';
import type { Arg, Interpolation, Segment } from './interpolation-grammar.js';
import { childOf, splitKey } from './merge-config.js';
import { createResolverRegistry } from './resolver-registry.js';
import type { ResolverContext, ResolverRegistry } from './resolver-registry.js';
import { makeFloat, makeInt } from './yaml-scalars.js';

/** Options of `resolveConfig`. */
export interface ResolveOptions {
  /** The `hydra` node, reachable as `${hydra.x}` and `${hydra:x}`. @default none */
  readonly hydra?: ConfigObject;
  /** @default createResolverRegistry() (the built-ins) */
  readonly resolvers?: ResolverRegistry;
  /** The time `${now:...}` formats; pass the same value for every job of a launch. @default new Date() */
  readonly now?: Date;
  /** Variables `oc.env` reads. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Throw a `MissingMandatoryValueError` for any `???` left in the config (a job that needs
   * every value). By default `???` stays, as in OmegaConf's `to_container(resolve=True)`;
   * an interpolation that reaches a `???` always fails.
   * @default false
   */
  readonly throwOnMissing?: boolean;
}

/**
 * Resolves every interpolation of a config and returns a new config (the input is
 * untouched, so `.hydra/config.yaml` can keep the unresolved form). Errors are
 * `InterpolationError`s naming the key whose value failed, or (with `throwOnMissing`) a
 * `MissingMandatoryValueError` naming a `???` left unset.
 */
export function resolveConfig(config: ConfigObject, options: ResolveOptions = {}): ConfigObject {
  const resolver = createNodeResolver(config, options);
  const out: ConfigObject = {};
  for (const key of Object.keys(config)) setKey(out, key, resolver.resolveAt([key]));
  return out;
}

/** Resolves the value at a dotted key of a config (with its `hydra` node reachable). */
export function resolveKey(config: ConfigObject, key: string, options: ResolveOptions = {}): ConfigNode {
  return createNodeResolver(config, options).resolveAt(splitKey(key));
}

/** The resolution engine: memoised per path, with cycle detection. Exported for the launcher mapping. */
export function createNodeResolver(config: ConfigObject, options: ResolveOptions): { resolveAt(path: readonly string[]): ConfigNode; resolveText(text: string, path: readonly string[]): ConfigNode } {
  const root: ConfigObject = options.hydra === undefined ? config : { ...config, hydra: options.hydra };
  const registry = options.resolvers ?? createResolverRegistry();
  const now = options.now ?? new Date();
  const env = options.env ?? process.env;
  const throwOnMissing = options.throwOnMissing ?? false;
  const memo = new Map<string, ConfigNode>();
  const active: string[] = [];
  const parsed = new Map<string, Segment[]>();

  const lookup = (path: readonly string[]): ConfigNode | undefined => {
    let node: ConfigNode | undefined = root;
    for (let i = 0; i < path.length; i += 1) {
      if (i > 0 && isInterpolation(node)) node = resolveAt(path.slice(0, i));
      node = childOf(node, path[i] as string);
      if (node === undefined) return undefined;
    }
    return node;
  };

  function resolveAt(path: readonly string[]): ConfigNode {
    const id = path.join('\u0000');
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    const key = path.join('.');
    if (active.includes(id)) {
      const chain = [...active.slice(active.indexOf(id)), id].map((p) => p.split('\u0000').join('.'));
      throw new InterpolationError('cycle', key, `interpolation cycle ${chain.join(' -> ')}; make one of these a plain value.`);
    }
    const raw = lookup(path);
    if (raw === undefined) throw new InterpolationError('missing-key', key, `no such key '${key}'.`);
    active.push(id);
    try {
      const value = resolveValue(raw, path);
      memo.set(id, value);
      return value;
    } finally {
      active.pop();
    }
  }

  function resolveValue(raw: ConfigNode, path: readonly string[]): ConfigNode {
    if (typeof raw === 'string') {
      if (raw === MISSING) {
        if (throwOnMissing) throw new MissingMandatoryValueError(path.join('.'));
        return raw;
      }
      return raw.includes('${') ? resolveText(raw, path) : raw;
    }
    if (Array.isArray(raw)) return raw.map((_, i) => resolveAt([...path, String(i)]));
    if (isConfigObject(raw)) {
      const out: ConfigObject = {};
      for (const k of Object.keys(raw)) setKey(out, k, resolveAt([...path, k]));
      return out;
    }
    return raw;
  }

  function resolveText(text: string, path: readonly string[]): ConfigNode {
    let segments = parsed.get(text);
    if (segments === undefined) {
      try {
        segments = parseInterpolationString(text);
      } catch (error) {
        if (error instanceof InterpolationSyntaxError) throw new InterpolationError('syntax', path.join('.'), error.message, { cause: error });
        throw error;
      }
      parsed.set(text, segments);
    }
    return evalSegments(segments, path);
  }

  function evalSegments(segments: readonly Segment[], path: readonly string[]): ConfigNode {
    if (segments.length === 1 && segments[0]?.kind !== 'text') return evalInterpolation(segments[0] as Interpolation, path);
    let out = '';
    for (const segment of segments) out += segment.kind === 'text' ? segment.text : scalarText(evalInterpolation(segment, path));
    return out;
  }

  function evalInterpolation(node: Interpolation, path: readonly string[]): ConfigNode {
    const key = path.join('.');
    if (node.kind === 'node') {
      const parts = node.parts.map((part) => scalarText(evalSegments(part, path)));
      const target = [...basePath(path, node.dots, key, node.source), ...parts.flatMap((p) => splitKey(p))];
      const raw = lookup(target);
      if (raw === undefined) {
        throw new InterpolationError('missing-key', key, `interpolation key '${target.join('.')}' not found (in ${node.source}); add the key or fix the reference.`);
      }
      if (raw === MISSING) {
        throw new InterpolationError('missing-value', key, `${node.source} points at '${target.join('.')}', which is '???' (mandatory, not set); set it on the command line.`);
      }
      return resolveAt(target);
    }
    const fn = registry.get(node.name);
    if (fn === undefined) {
      throw new InterpolationError('unknown-resolver', key, `unsupported interpolation type '${node.name}' in ${node.source}. Known resolvers: ${registry.names().join(', ')}; add yours with registerResolver().`);
    }
    const args = node.args.map((arg) => evalArg(arg, path));
    let result: unknown;
    try {
      result = fn(args, context(path));
    } catch (error) {
      if (error instanceof InterpolationError || error instanceof MissingMandatoryValueError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new InterpolationError('resolver-failed', key, `resolver '${node.name}' failed in ${node.source}: ${reason}`, { cause: error });
    }
    return result === undefined ? null : (result as ConfigNode);
  }

  function evalArg(arg: Arg, path: readonly string[]): ConfigNode {
    switch (arg.kind) {
      case 'plain': {
        if (arg.parts.length === 0) return '';
        const [first] = arg.parts;
        if (arg.parts.length === 1 && first?.kind === 'text') return typedPrimitive(first.text);
        return evalSegments(arg.parts, path);
      }
      case 'quoted': {
        let out = '';
        for (const part of arg.parts) out += part.kind === 'text' ? part.text : scalarText(evalInterpolation(part, path));
        return out;
      }
      case 'list':
        return arg.items.map((item) => evalArg(item, path));
      case 'dict': {
        const out: ConfigObject = {};
        for (const [k, v] of arg.entries) setKey(out, scalarText(evalArg(k, path)), evalArg(v, path));
        return out;
      }
    }
  }

  function context(path: readonly string[]): ResolverContext {
    const key = path.join('.');
    return {
      key,
      now,
      env,
      select(selectKey) {
        const dots = /^\.*/.exec(selectKey)?.[0].length ?? 0;
        const target = [...basePath(path, dots, key, selectKey), ...splitKey(selectKey.slice(dots))];
        return lookup(target) === undefined ? undefined : resolveAt(target);
      },
      decode(text) {
        try {
          return evalArg(parseArgument(text), path);
        } catch (error) {
          if (error instanceof InterpolationSyntaxError) throw new InterpolationError('syntax', key, `oc.decode cannot read ${JSON.stringify(text)}: ${error.message}`, { cause: error });
          throw error;
        }
      },
      hydra(hydraKey) {
        const target = ['hydra', ...splitKey(hydraKey)];
        return lookup(target) === undefined ? undefined : resolveAt(target);
      },
    };
  }

  return { resolveAt, resolveText };
}

function basePath(path: readonly string[], dots: number, key: string, source: string): string[] {
  if (dots === 0) return [];
  const keep = path.length - dots;
  if (keep < 0) throw new InterpolationError('missing-key', key, `${source} climbs above the root of the config.`);
  return path.slice(0, keep);
}

/** OmegaConf's typing of an unquoted resolver argument. */
function typedPrimitive(text: string): ConfigNode {
  const t = text.trim();
  if (/^null$/i.test(t)) return null;
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  if (/^[+-]?\d+(?:_\d+)*$/.test(t)) return makeInt(BigInt(t.replace(/_/g, '').replace(/^\+/, '')));
  if (/^[+-]?(?:\d+(?:_\d+)*\.(?:\d+(?:_\d+)*)?|\.\d+(?:_\d+)*|\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/.test(t)) return makeFloat(Number(t.replace(/_/g, '')));
  if (/^[+-]?inf$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  return t;
}
