import { formatStrftime } from '../run/format-strftime.js';
import type { ConfigNode } from './config-tree.js';
import { isConfigObject } from './config-tree.js';

/** What a resolver sees besides its arguments. */
export interface ResolverContext {
  /** Dotted path of the value being resolved, e.g. `db_url`. */
  readonly key: string;
  /** The launch time every `${now:...}` of one launch shares. */
  readonly now: Date;
  /** Environment for `oc.env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Looks up a key (absolute, or relative with leading dots) and resolves it; undefined when absent. */
  select(key: string): ConfigNode | undefined;
  /** Parses and resolves a string as a resolver argument (what `oc.decode` does). */
  decode(text: string): ConfigNode;
  /** The resolved `hydra` node, for `${hydra:...}`; undefined when the config has none. */
  hydra(key: string): ConfigNode | undefined;
}

/** A custom resolver: called with the typed arguments of `${name:a,b}` and the context. */
export type Resolver = (args: readonly ConfigNode[], context: ResolverContext) => unknown;

/**
 * A set of named resolvers. There is no process-wide registry: each composition
 * gets one (by default `createResolverRegistry()`, the built-ins), so two callers
 * never see each other's resolvers and tests need no cleanup.
 */
export interface ResolverRegistry {
  /** Adds (or with `replace`, swaps) a resolver; names may be dotted (`my.add`). */
  registerResolver(name: string, fn: Resolver, options?: { replace?: boolean }): ResolverRegistry;
  get(name: string): Resolver | undefined;
  names(): readonly string[];
}

const BUILTINS: Readonly<Record<string, Resolver>> = {
  'oc.env': (args, ctx) => {
    const [name, ...rest] = args;
    if (typeof name !== 'string') throw new Error(`oc.env takes a variable name, got ${String(name)}`);
    const value = ctx.env[name];
    if (value !== undefined) return value;
    if (rest.length === 0) throw new Error(`Environment variable '${name}' not found; set it, or give a default: \${oc.env:${name},<default>}`);
    const fallback = rest[0];
    return fallback === null || fallback === undefined ? null : typeof fallback === 'string' ? fallback : String(fallback);
  },
  'oc.decode': (args, ctx) => {
    const [text] = args;
    if (text === null) return null;
    if (typeof text !== 'string') throw new Error(`oc.decode takes a string, got ${String(text)}`);
    return ctx.decode(text);
  },
  'oc.select': (args, ctx) => {
    const [key, ...rest] = args;
    if (typeof key !== 'string') throw new Error(`oc.select takes a key, got ${String(key)}`);
    const value = ctx.select(key);
    if (value === undefined || value === '???') {
      if (rest.length > 0) return rest[0];
      return null;
    }
    return value;
  },
  'oc.create': (args) => args[0],
  'oc.dict.keys': (args, ctx) => Object.keys(dictArg(args[0], ctx)),
  'oc.dict.values': (args, ctx) => Object.values(dictArg(args[0], ctx)),
  now: (args, ctx) => formatStrftime(typeof args[0] === 'string' ? args[0] : '%Y-%m-%d', ctx.now),
  hydra: (args, ctx) => {
    const key = args[0];
    if (typeof key !== 'string') throw new Error(`hydra takes a key such as runtime.cwd, got ${String(key)}`);
    const value = ctx.hydra(key);
    if (value === undefined) throw new Error(`no hydra.${key} in this composition`);
    return value;
  },
};

function dictArg(arg: ConfigNode | undefined, ctx: ResolverContext): Record<string, ConfigNode> {
  const node = typeof arg === 'string' ? ctx.select(arg) : arg;
  if (!isConfigObject(node)) throw new Error(`expected a mapping or the key of one, got ${String(arg)}`);
  return node;
}

/** Creates a registry holding the built-ins (`oc.env`, `oc.decode`, `oc.select`, `oc.create`, `oc.dict.keys`, `oc.dict.values`, `now`, `hydra`) plus `extra`. */
export function createResolverRegistry(extra: Readonly<Record<string, Resolver>> = {}): ResolverRegistry {
  const table = new Map<string, Resolver>(Object.entries(BUILTINS));
  const registry: ResolverRegistry = {
    registerResolver(name, fn, options = {}) {
      if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(name)) {
        throw new TypeError(`Invalid resolver name ${JSON.stringify(name)}: use letters, digits, '_' and '-', dot-separated (e.g. 'my.add').`);
      }
      if (table.has(name) && options.replace !== true) {
        throw new TypeError(`A resolver named '${name}' is already registered; pass { replace: true } to swap it.`);
      }
      table.set(name, fn);
      return registry;
    },
    get: (name) => table.get(name),
    names: () => [...table.keys()].sort(),
  };
  for (const [name, fn] of Object.entries(extra)) registry.registerResolver(name, fn, { replace: true });
  return registry;
}
