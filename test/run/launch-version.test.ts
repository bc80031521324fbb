import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAUNCH_VERSION } from '../../src/run/launch-version.js';

describe('LAUNCH_VERSION', () => {
  it("is package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(LAUNCH_VERSION).toBe(pkg.version);
  });
});
