/**
 * The parser's internal signal for a rejected override: where and why.
 * `parseOverride` turns it into the public OverrideParseError at the top, so a
 * rejection costs one Error (and one stack capture) however deep it happened.
 * Not an Error subclass on purpose; it never escapes the overrides module.
 */
export class ParseFailure {
  constructor(
    readonly column: number,
    readonly reason: string,
    readonly cause?: unknown,
  ) {}
}
