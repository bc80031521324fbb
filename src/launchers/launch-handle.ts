import { EventEmitter } from 'eventemitter3';
import type { LaunchEventMap } from '../run/launch-events.js';
import type { LaunchResult } from '../run/launch-result.js';
import type { PlatformAbortController } from '../platform-types.js';

/**
 * A running launch: listen to its typed events, await it for the result, cancel it.
 * Events start on the next tick, so listeners attached right after `launch()` see them all.
 */
export class LaunchHandle extends EventEmitter<LaunchEventMap> implements PromiseLike<LaunchResult> {
  readonly result: Promise<LaunchResult>;
  readonly #controller: PlatformAbortController;

  /** @internal Built by the launch flow. */
  constructor(controller: PlatformAbortController, result: Promise<LaunchResult>) {
    super();
    this.#controller = controller;
    this.result = result;
  }

  /** Stops the launch: running jobs get SIGTERM (SIGKILL after the grace period) and are recorded as cancelled. */
  cancel(reason: string = 'cancelled by the caller'): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  get cancelled(): boolean {
    return this.#controller.signal.aborted;
  }

  then<A = LaunchResult, B = never>(
    onfulfilled?: ((value: LaunchResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.result.then(onfulfilled, onrejected);
  }
}
