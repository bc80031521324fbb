/**
 * The one error type every rejected override raises, whatever the input.
 * It names the input, the column and what to do, and draws a caret line like Hydra's.
 */
export class OverrideParseError extends Error {
  /** Stable code for programmatic checks. */
  readonly code: 'ERR_OVERRIDE_PARSE';
  /** The override text as typed. */
  readonly input: string;
  /** Zero-based column (UTF-16 index) of the problem inside `input`. */
  readonly column: number;
  /** The short reason without the caret drawing. */
  readonly reason: string;

  constructor(input: string, column: number, reason: string, options?: { cause?: unknown }) {
    const col = Math.max(0, Math.min(column, input.length));
    const message =
      `Error parsing override '${input}' at column ${col + 1}: ${reason}\n` +
      `  ${input}\n  ${' '.repeat(col)}^\n` +
      'See https://hydra.cc/docs/advanced/override_grammar/basic for details';
    // A rejected command line is an expected outcome, and its JS stack says
    // nothing the caret line does not. Capturing it costs more than parsing the
    // override, so capture none (restored synchronously, nothing else runs between).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, options);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'OverrideParseError';
    this.code = 'ERR_OVERRIDE_PARSE';
    this.input = input;
    this.column = col;
    this.reason = reason;
  }
}
