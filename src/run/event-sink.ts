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

/** Events whose line is on disk before any listener hears of them: what a resume or a reader relies on. */
const WRITTEN_AT_ONCE: ReadonlySet<LaunchEvent['type']> = new Set(['launch:start', 'job:end', 'launch:end']);

/**
 * Builds the one event sink of a launch (and of an attach that follows a detached launch).
 * A listener that throws is reported as a warning and never stops the jobs or the record; an event
 * log that fails stops recording, tells `onFailure` once, and keeps the listeners informed.
 *
 * Lines are written in batches: most events wait for the end of the current turn of the event
 * loop (one `write` for all of them), but `launch:start`, every `job:end` and `launch:end` are
 * written, with everything before them, before they are emitted. Per-job `write` calls on the
 * launching thread were a visible share of a sweep of short jobs.
 */
export function createEventSink(options: EventSinkOptions): EventSink {
  let open = true;
  let failure: unknown = null;
  let scheduled: NodeJS.Immediate | null = null;
  const record = (write: () => void): void => {
    if (options.log === null || failure !== null) return;
    try {
      write();
    } catch (error) {
      failure = error;
      options.onFailure?.(error);
    }
  };
  const flushLater = (): void => {
    scheduled = null;
    if (open) record(() => options.log?.flush());
  };
  return {
    emit(draft) {
      const event = { time: new Date(options.now()).toISOString(), launchId: options.launchId, ...draft } as LaunchEvent;
      if (!open) return event;
      const log = options.log;
      if (log !== null) {
        if (WRITTEN_AT_ONCE.has(event.type)) {
          record(() => log.append(event));
        } else {
          record(() => log.queue(event));
          if (scheduled === null && failure === null && log.pending > 0) scheduled = setImmediate(flushLater);
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
      if (scheduled !== null) clearImmediate(scheduled);
      scheduled = null;
      // What is still queued goes to the file before it closes (unless the log already failed).
      record(() => options.log?.flush());
      open = false;
      try {
        options.log?.close();
      } catch {
        // Closing a descriptor the disk failed on can fail too; the launch reports the first failure.
      }
    },
  };
}
