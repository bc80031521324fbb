import { EventEmitter } from 'eventemitter3';
import type { LaunchEvent, LaunchEventMap } from '../run/launch-events.js';
import type { LaunchResult } from '../run/launch-result.js';
import type { PlatformAbortController } from '../platform-types.js';
import { JobHandle } from './job-handle.js';
import { createJobTable, type JobTable, type KnownJobs } from './job-table.js';

/**
 * A running launch: listen to its typed events, await it for the result, cancel it, or reach one
 * job (`job(num)`: state, logs, result, cancel). Events start on the next tick, so listeners
 * attached right after `launch()` see them all.
 */
export class LaunchHandle extends EventEmitter<LaunchEventMap> implements PromiseLike<LaunchResult> {
  readonly result: Promise<LaunchResult>;
  readonly #controller: PlatformAbortController;
  readonly #table: JobTable;

  /** @internal Built by the launch flow; `lookup` reads the plan by job number. */
  constructor(controller: PlatformAbortController, result: Promise<LaunchResult>, known: KnownJobs = { facts: () => undefined, count: null }) {
    super();
    this.#controller = controller;
    this.#table = createJobTable(known);
    this.result = result;
    result.then(
      () => this.#table.close(null),
      (error: unknown) => this.#table.close(error),
    );
  }

  /** @internal The launch flow feeds it events and the backends' per-job access. */
  get table(): JobTable {
    return this.#table;
  }

  /** The job table sees each event before any listener does: a `job:end` listener reads the job as finished. */
  override emit<T extends EventEmitter.EventNames<LaunchEventMap>>(event: T, ...args: EventEmitter.EventArgs<LaunchEventMap, T>): boolean {
    const [payload] = args as readonly unknown[];
    if (payload !== undefined) this.#table.observe(payload as LaunchEvent);
    return super.emit(event, ...args);
  }

  /** Stops the launch: running jobs get SIGTERM (SIGKILL after the grace period) and are recorded as cancelled. */
  cancel(reason: string = 'cancelled by the caller'): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  get cancelled(): boolean {
    return this.#controller.signal.aborted;
  }

  /**
   * The handle of job `num` (its number in the launch), usable at once, before the job runs (for a
   * lazy job source: before the launch reads it; its state stays `queued` until then).
   * Throws a RangeError naming the value when the launch has no such job.
   */
  job(num: number): JobHandle {
    if (!this.#table.has(num)) {
      throw new RangeError(`This launch has no job number ${String(num)}: pass the number of one of its jobs (0-based, as in job.num and the sweep's folders).`);
    }
    return new JobHandle(this.#table, num);
  }

  /** Handles of the jobs the launch has reached so far (queued or further), in number order. */
  jobs(): JobHandle[] {
    return this.#table.reached().map((num) => new JobHandle(this.#table, num));
  }

  then<A = LaunchResult, B = never>(
    onfulfilled?: ((value: LaunchResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.result.then(onfulfilled, onrejected);
  }
}
