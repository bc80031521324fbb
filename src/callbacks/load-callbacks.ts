import { resolve } from 'node:path';
import { importModuleTarget } from '../modules/import-module-target.js';
import { CALLBACK_HOOKS, type Callback, type CallbackConfig, type CallbackInput, type ResolvedCallback } from './callback.js';
import { CallbackLoadError } from './callback-error.js';

/** Where relative `_target_`s resolve from. */
export interface LoadCallbacksOptions {
  /** The config folder for entries from YAML. @default process.cwd() */
  readonly baseDir?: string;
}

const DEFAULT_TIMEOUT_S = 30;
const OWN_KEYS = new Set(['_target_', '_timeout_s_', '_on_error_', '_name_']);

/**
 * Turns the `callbacks` option into callbacks ready to run, in order: objects are taken as they
 * are, configs are loaded by `_target_` (`./file.mjs#export` from `baseDir`, or `package#export`)
 * with `import()`. The export may be a class (built with `new Export(params)`, as Hydra
 * instantiates), a factory (`export(params)`, awaited), or an object with hooks.
 */
export async function loadCallbacks(inputs: readonly CallbackInput[], options: LoadCallbacksOptions = {}): Promise<ResolvedCallback[]> {
  const baseDir = resolve(options.baseDir ?? process.cwd());
  const resolved: ResolvedCallback[] = [];
  for (const [index, input] of inputs.entries()) {
    if (!isCallbackConfig(input)) {
      const name = input.name ?? `callback ${index}`;
      checkHooks(input, name, '(an object)');
      const { timeoutMs, onError } = limitsOf(name, (input.timeoutMs ?? DEFAULT_TIMEOUT_S * 1000) / 1000, input.onError, 'timeoutMs', 'onError');
      resolved.push({ name, callback: input, timeoutMs, onError });
      continue;
    }
    const { timeoutMs, onError } = limitsOf(input._target_, input._timeout_s_ ?? DEFAULT_TIMEOUT_S, input._on_error_, '_timeout_s_', '_on_error_');
    const callback = await instantiate(input, baseDir);
    // A built callback may declare its own limits; the config's win.
    const limits = limitsOf(input._target_, input._timeout_s_ ?? (callback.timeoutMs ?? timeoutMs) / 1000, input._on_error_ ?? callback.onError ?? onError, '_timeout_s_', '_on_error_');
    const name = typeof input['_name_'] === 'string' ? input['_name_'] : (callback.name ?? input._target_);
    resolved.push({ name, callback, ...limits });
  }
  return resolved;
}

/**
 * The entries of a composed `hydra.callbacks` node (`name: { _target_, ...params }`), in order;
 * `null` (Hydra's default) gives none, and an entry set to null is switched off.
 */
export function callbacksFromHydraNode(node: unknown): CallbackConfig[] {
  if (node === null || node === undefined) return [];
  if (typeof node !== 'object' || Array.isArray(node)) {
    throw new CallbackLoadError('hydra.callbacks', 'the config', `expected a mapping of name -> { _target_, ...params }, got ${JSON.stringify(node)}`);
  }
  const entries: CallbackConfig[] = [];
  for (const [name, entry] of Object.entries(node as Record<string, unknown>)) {
    if (entry === null) continue;
    if (typeof entry !== 'object' || Array.isArray(entry) || typeof (entry as Record<string, unknown>)['_target_'] !== 'string') {
      throw new CallbackLoadError(`hydra.callbacks.${name}`, 'the config', `expected { _target_: "./file.mjs#export", ...params }, got ${JSON.stringify(entry)}`);
    }
    entries.push({ _name_: name, ...(entry as CallbackConfig) });
  }
  return entries;
}

export function isCallbackConfig(input: CallbackInput): input is CallbackConfig {
  return typeof (input as { _target_?: unknown })._target_ === 'string';
}

function limitsOf(who: string, timeoutS: unknown, onError: unknown, timeoutField: string, onErrorField: string): { timeoutMs: number; onError: 'warn' | 'fail' } {
  if (typeof timeoutS !== 'number' || !(timeoutS > 0)) {
    throw new CallbackLoadError(who, 'its limits', `${timeoutField} must be a positive number, got ${JSON.stringify(timeoutField === 'timeoutMs' && typeof timeoutS === 'number' ? timeoutS * 1000 : timeoutS)}`);
  }
  const mode = onError ?? 'warn';
  if (mode !== 'warn' && mode !== 'fail') {
    throw new CallbackLoadError(who, 'its limits', `${onErrorField} must be "warn" (report and go on) or "fail" (cancel the launch), got ${JSON.stringify(mode)}`);
  }
  return { timeoutMs: timeoutS * 1000, onError: mode };
}

async function instantiate(config: CallbackConfig, baseDir: string): Promise<Callback> {
  const target = config._target_;
  const fail = (tried: string, why: string, cause?: unknown): Error => new CallbackLoadError(target, tried, why, cause === undefined ? undefined : { cause });
  const { url, exported } = await importModuleTarget(target, baseDir, fail);
  const params = Object.fromEntries(Object.entries(config).filter(([key]) => !OWN_KEYS.has(key)));
  let callback: unknown;
  try {
    if (typeof exported === 'function') {
      const isClass = /^class[\s{]/.test(Function.prototype.toString.call(exported));
      callback = isClass ? new (exported as new (p: object) => unknown)(params) : await (exported as (p: object) => unknown)(params);
    } else {
      callback = exported;
    }
  } catch (error) {
    throw new CallbackLoadError(target, url, `building it with ${JSON.stringify(params)} threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  checkHooks(callback, target, url);
  return callback;
}

function checkHooks(value: unknown, target: string, tried: string): asserts value is Callback {
  if (typeof value !== 'object' || value === null) throw new CallbackLoadError(target, tried, `a callback must be an object with hooks (${CALLBACK_HOOKS.join(', ')}), got ${value === null ? 'null' : typeof value}`);
  const record = value as Record<string, unknown>;
  const hooks = CALLBACK_HOOKS.filter((hook) => record[hook] !== undefined);
  const notFunctions = hooks.filter((hook) => typeof record[hook] !== 'function');
  if (notFunctions.length > 0) throw new CallbackLoadError(target, tried, `${notFunctions.join(', ')} must be functions`);
  if (hooks.length === 0) throw new CallbackLoadError(target, tried, `it has none of the hooks ${CALLBACK_HOOKS.join(', ')}`);
}

