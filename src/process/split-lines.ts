/** The longest piece of output one `job:output` event carries; a longer line arrives in pieces. @default 65536 */
export const MAX_LINE_CHARS = 64 * 1024;

/** Cuts a stream of text into lines, never holding more than `maxChars` of an unfinished line. */
export interface LineSplitter {
  /** Feeds a chunk; calls `onLine` for every complete line and for every full piece of an overlong one. */
  push(chunk: string): void;
  /** Reports what is left (a last line without a newline). */
  end(): void;
}

/**
 * Splits text on `\n`, `\r\n` and a lone `\r` (progress bars redraw with it), as readline does,
 * but with bounded memory: a line longer than `maxChars` is reported in pieces of `maxChars`, so
 * a job printing a gigabyte without a newline costs `maxChars` of memory, not a gigabyte.
 */
export function createLineSplitter(onLine: (line: string) => void, maxChars: number = MAX_LINE_CHARS): LineSplitter {
  let pending = '';
  // After a \r, a \n (maybe in the next chunk) belongs to the same line break.
  let skipLF = false;
  const emit = (line: string): void => {
    let rest = line;
    while (rest.length > maxChars) {
      onLine(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
    }
    onLine(rest);
  };
  return {
    push(chunk) {
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        const char = chunk.charCodeAt(i);
        if (skipLF) {
          skipLF = false;
          if (char === 10) {
            start = i + 1;
            continue;
          }
        }
        if (char !== 10 && char !== 13) continue;
        emit(pending + chunk.slice(start, i));
        pending = '';
        start = i + 1;
        skipLF = char === 13;
      }
      pending += chunk.slice(start);
      while (pending.length >= maxChars) {
        onLine(pending.slice(0, maxChars));
        pending = pending.slice(maxChars);
      }
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}
