import type { EventEmitter } from 'eventemitter3';
import type { EventLog } from './event-log.js';
import type { DistributiveOmit, LaunchEvent, LaunchEventMap } from './launch-events.js';

/** An event as a producer writes it: the sink stamps `time` and `launchId`. */
export type EventDraft = DistributiveOmit<LaunchEvent, 'time' | 'launchId'>;

/** Where a launch's events go: `events.jsonl` first, then the listeners; the same object to both. */
export interface EventSink {
  /** Stamps, records and emits an event; after `close()` it is dropped (nothing fires after a launch settles). */
  emit(draft: EventDraft): LaunchEvent;
  /** The first error the event log threw (a full disk), or null: events still reach listeners after it. */
  readonly failure: unknown;
  /** Closes the log; later events are dropped. Safe to call twice. */
  close(): void;
}

export interface EventSinkOptions {
  readonly launchId: string;
  readonly now: () => number;
  /** null: events go to listeners only. */
  readonly log: EventLog | null;
  readonly emitter?: EventEmitter<LaunchEventMap>;
  /** Called once, with the first event log failure: the launch stops on it. */
  readonly onFailure?: (error: unknown) => void;
}

/**
 * Builds the one event sink of a launch (and of an attach that follows a detached launch).
 * A listener that throws is reported as a warning and never stops the jobs or the record; an event
 * log that fails stops recording, tells `onFailure` once, and keeps the listeners informed.
 */
export function createEventSink(options: EventSinkOptions): EventSink {
  let open = true;
  let failure: unknown = null;
  return {
    emit(draft) {
      const event = { time: new Date(options.now()).toISOString(), launchId: options.launchId, ...draft } as LaunchEvent;
      if (!open) return event;
      if (options.log !== null && failure === null) {
        try {
          options.log.append(event);
        } catch (error) {
          failure = error;
          options.onFailure?.(error);
        }
      }
      if (options.emitter !== undefined) {
        try {
          (options.emitter.emit as (name: keyof LaunchEventMap, payload: LaunchEvent) => boolean)(event.type, event);
        } catch (error) {
          process.emitWarning(`a ${event.type} listener threw: ${String(error)}`, 'SpectramindListenerWarning');
        }
      }
      return event;
    },
    get failure() {
      return failure;
    },
    close() {
      if (!open) return;
      open = false;
      try {
        options.log?.close();
      } catch {
        // Closing a descriptor the disk failed on can fail too; the launch reports the first failure.
      }
    },
  };
}
