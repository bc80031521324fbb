import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compose } from '../../src/config/compose.js';
import type { Composed } from '../../src/config/compose.js';
import type { Composer } from '../../src/config/create-composer.js';
import { createComposer } from '../../src/config/create-composer.js';
import { createDirectoryConfigSource } from '../../src/config/directory-config-source.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'conformance');
const source = createDirectoryConfigSource(join(fixtures, 'compose-configs'));
const cases = JSON.parse(readFileSync(join(fixtures, 'hydra-compose.json'), 'utf8')) as { id: number; config_name: string; overrides: string[] }[];
const env = { CONF_TEST_USER: 'alice' };
const now = new Date(2024, 0, 1);
// Everything but the resolver registry, a fresh object of functions per composition.
const data = ({ resolvers: _r, ...rest }: Composed): Omit<Composed, 'resolvers'> => rest;

describe('createComposer gives what compose gives, reusing merged defaults trees', () => {
  const composers = new Map<string, Composer>();
  const composerFor = (name: string): Composer => {
    const found = composers.get(name) ?? createComposer({ source, configName: name });
    composers.set(name, found);
    return found;
  };
  // Twice over, so the second pass is served from the cache of merged trees.
  for (const pass of [1, 2]) {
    for (const c of cases) {
      it(`pass ${pass}, case ${c.id}: ${c.config_name} ${JSON.stringify(c.overrides)}`, () => {
        const direct = (): unknown => data(compose({ source, configName: c.config_name, overrides: c.overrides, env, now, cwd: '/w' }));
        const cached = (): unknown => data(composerFor(c.config_name).compose({ overrides: c.overrides, env, now, cwd: '/w' }));
        let expected: unknown;
        try {
          expected = direct();
        } catch (error) {
          expect(cached).toThrow((error as Error).message);
          return;
        }
        expect(cached()).toEqual(expected);
      });
    }
  }

  it('does not let one job edit the tree the next job starts from', () => {
    const composer = createComposer({ source, configName: 'config' });
    composer.compose({ overrides: ['app.tags=[x]', '~app.nested', '+app.extra=1'], env });
    const next = composer.compose({ env });
    expect(next.config['app']).toEqual({ name: 'demo', lr: 0.001, seed: 0, tags: ['a', 'b'], nested: { x: 1, y: 2 } });
  });

  it('keeps at most cacheSize merged trees and still composes evicted choices', () => {
    const composer = createComposer({ source, configName: 'config', cacheSize: 1 });
    const a = composer.compose({ overrides: ['db=sqlite'], env });
    composer.compose({ overrides: ['db=postgresql'], env });
    expect(composer.compose({ overrides: ['db=sqlite'], env }).config).toEqual(a.config);
  });
});
