/**
 * A stop that running jobs hear, read like an AbortSignal (`aborted`, `reason`) and heard through
 * {@link StopSwitch.onStop}. The launching thread's per-job path uses it instead of AbortSignal:
 * Node 20 gives every AbortSignal a hidden class of its own, so a controller per job, and a new
 * signal per launch, made the code that touched them megamorphic and threw its optimised code
 * away once per launch (measured: ~0.4 s of background compiling per 1,000-job launch on two
 * cores, where that thread competes with the jobs); and each listener added to a signal and
 * removed costs microseconds. One instance per job costs an object.
 */
export class StopSwitch {
  aborted = false;
  reason: unknown = undefined;
  #listeners: Set<() => void> | null = null;

  /** Stops: every listener is called once (later calls do nothing). */
  stop(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners;
    this.#listeners = null;
    for (const listener of listeners ?? []) listener();
  }

  /** Calls `listener` once when the stop comes, unless forgotten first; never for a stop that came before (read `aborted`). Returns what forgets it. */
  onStop(listener: () => void): () => void {
    if (this.aborted) return forgetNothing;
    (this.#listeners ??= new Set()).add(listener);
    return () => void this.#listeners?.delete(listener);
  }
}

/** What stops a job: a {@link StopSwitch}, or a caller's AbortSignal. */
export type Stop = StopSwitch | AbortSignal;

/** Hears `stop` once; returns what forgets the listener. */
export function listenForStop(stop: Stop, listener: () => void): () => void {
  if (stop instanceof StopSwitch) return stop.onStop(listener);
  stop.addEventListener('abort', listener, { once: true });
  return () => stop.removeEventListener('abort', listener);
}

/** A switch that follows `signal` (a launch's stop), heard by every job of the launch through this one listener on the signal. */
export function followSignal(signal: AbortSignal): StopSwitch {
  const follower = new StopSwitch();
  if (signal.aborted) follower.stop(signal.reason);
  else signal.addEventListener('abort', () => follower.stop(signal.reason), { once: true });
  return follower;
}

function forgetNothing(): void {}
