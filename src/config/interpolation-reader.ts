/** The cursor and syntax error shared by the interpolation grammar's readers. */

/** Thrown (and wrapped by the resolver with the key path) for a malformed interpolation. */
export class InterpolationSyntaxError extends Error {
  constructor(
    readonly text: string,
    readonly position: number,
    reason: string,
  ) {
    super(`${reason} at column ${position + 1} of '${text}'`);
    this.name = 'InterpolationSyntaxError';
  }
}

/** A cursor over an interpolation string; `fail` raises a syntax error at the cursor. */
export class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }
  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
  fail(reason: string): never {
    throw new InterpolationSyntaxError(this.text, this.pos, reason);
  }
  skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos += 1;
  }
}
