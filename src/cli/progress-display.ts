import { createLogUpdate } from 'log-update';
import type { LaunchHandle } from '../launchers/launch-handle.js';
import type { LaunchEvent } from '../run/launch-events.js';
import { formatEventLine, formatProgressLine } from './format-progress.js';
import { EMPTY_PROGRESS, applyProgressEvent } from './progress-state.js';
import type { ProgressState } from './progress-state.js';
import type { Paint } from './use-color.js';

export interface ProgressDisplayOptions {
  /** Where progress goes (stderr: stdout stays for results and job output). */
  readonly stream: NodeJS.WriteStream;
  /** Where streamed job output goes. */
  readonly output: NodeJS.WritableStream;
  /** Redraw one live line in place (a terminal) or write one plain line per event. */
  readonly live: boolean;
  readonly quiet: boolean;
  /** Echo each job's output lines (the launch must stream them). */
  readonly showJobOutput: boolean;
  readonly paint: Paint;
  /** Shown before the counts, e.g. the task name. */
  readonly label: string;
  /** @default Date.now */
  readonly now?: () => number;
  /** How often the live line redraws for the clock. @default 1000 */
  readonly tickMs?: number;
}

/** The running display of a launch: follow its events, print notes above the live line, stop when it settles. */
export interface ProgressDisplay {
  follow(handle: LaunchHandle): void;
  /** A line that stays (e.g. "cancelling..."), printed above the live line. */
  note(text: string): void;
  stop(): void;
}

/** A live line through log-update on a terminal; plain one-line-per-event logs anywhere else. */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const now = options.now ?? Date.now;
  let state: ProgressState = EMPTY_PROGRESS;
  let stopped = false;
  const live = options.live && !options.quiet ? createLogUpdate(sizedTerminal(options.stream)) : null;
  const draw = (): void => {
    if (live !== null && !stopped) live(formatProgressLine(state, now(), options.paint, options.label));
  };
  const persist = (text: string, stream: NodeJS.WritableStream = options.stream): void => {
    if (live !== null && stream === options.stream) live.persist(text);
    else if (live !== null) {
      live.clear();
      stream.write(`${text}\n`);
      draw();
    } else stream.write(`${text}\n`);
  };
  const timer = live === null ? null : setInterval(draw, options.tickMs ?? 1000);
  timer?.unref();

  const onEvent = (event: LaunchEvent): void => {
    state = applyProgressEvent(state, event);
    if (options.quiet || stopped) return;
    if (event.type === 'job:output') {
      if (options.showJobOutput) persist(`${event.stream === 'stderr' ? options.paint('dim', `[${event.job.num}] `) : ''}${event.line}`, options.output);
      return;
    }
    if (live === null) {
      const line = formatEventLine(event, options.paint);
      if (line !== null) options.stream.write(`${line}\n`);
      return;
    }
    // On a terminal only failures leave a line behind; everything else is the live line.
    if (event.type === 'job:end' && event.status !== 'completed' && event.status !== 'cancelled') {
      const line = formatEventLine(event, options.paint);
      if (line !== null) persist(line);
    }
    draw();
  };

  return {
    follow(handle) {
      handle.on('launch:start', onEvent);
      handle.on('job:start', onEvent);
      handle.on('job:state', onEvent);
      handle.on('job:end', onEvent);
      handle.on('job:output', onEvent);
      handle.on('launch:end', onEvent);
    },
    note(text) {
      if (!options.quiet) persist(text);
    },
    stop() {
      if (stopped) return;
      draw();
      stopped = true;
      if (timer !== null) clearInterval(timer);
      live?.done();
    },
  };
}

/**
 * The terminal as log-update sees it. A pseudo-terminal nobody sized (`script`, some CI
 * runners) reports 0 columns, which log-update takes literally and draws nothing; such a
 * terminal counts as 80x24.
 */
function sizedTerminal(stream: NodeJS.WriteStream): NodeJS.WritableStream {
  return {
    isTTY: true,
    get columns() {
      return stream.columns || 80;
    },
    get rows() {
      return stream.rows || 24;
    },
    write: (chunk: string) => stream.write(chunk),
  } as unknown as NodeJS.WritableStream;
}
