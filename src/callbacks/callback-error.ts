import { LaunchError } from '../errors.js';
import type { CallbackHook } from './callback.js';

/** A callback hook that threw or ran past its time limit. */
export class CallbackError extends LaunchError {
  readonly callback: string;
  readonly hook: CallbackHook;
  constructor(code: 'ERR_CALLBACK' | 'ERR_CALLBACK_TIMEOUT', callback: string, hook: CallbackHook, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.callback = callback;
    this.hook = hook;
  }
}

/** A callback config that cannot be turned into a callback: names the target, what was tried, and why. */
export class CallbackLoadError extends LaunchError {
  readonly target: string;
  constructor(target: string, tried: string, why: string, options?: { cause?: unknown }) {
    super('ERR_CALLBACK_LOAD', `Cannot load callback _target_ ${JSON.stringify(target)} (tried ${tried}): ${why}`, options);
    this.target = target;
  }
}
