import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { createMemoryConfigSource } from '../../src/config/memory-config-source.js';

function violationsOf(make: () => unknown): readonly { path: string; message: string }[] {
  try {
    make();
  } catch (error) {
    if (error instanceof ConfigError) return error.violations;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createMemoryConfigSource', () => {
  it('loads YAML text and parsed content', () => {
    const source = createMemoryConfigSource({ config: 'defaults: [db: mysql]', 'db/mysql': { content: { port: 3306 } } });
    expect(source.load('db/mysql')?.content).toEqual({ port: 3306 });
    expect(source.listOptions('db')).toEqual(['mysql']);
  });

  it('names each entry of the wrong shape instead of failing later with a TypeError', () => {
    const violations = violationsOf(() => createMemoryConfigSource({ config: 'a: 1', 'db/mysql': { port: 3306 }, 'db/pg': 5 } as never));
    expect(violations.map((v) => v.path)).toEqual(['/db/mysql', '/db/pg']);
    expect(violations[0]?.message).toMatch(/\{ content: \{ \.\.\. \} \}/);
  });

  it('refuses a map that is not an object', () => {
    expect(violationsOf(() => createMemoryConfigSource(['config'] as never))).toMatchObject([{ path: '/' }]);
    expect(violationsOf(() => createMemoryConfigSource(undefined as never))).toMatchObject([{ path: '/' }]);
  });
});
