import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigNode, ConfigObject } from '../../src/config/config-tree.js';
import { cloneNode } from '../../src/config/config-tree.js';
import { mergeInto } from '../../src/config/merge-config.js';
import { resolveConfig } from '../../src/config/resolve-config.js';

const key = fc.constantFrom('a', 'b', 'c', 'db', 'lr', 'y', 'on');
const scalar = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.string().filter((s) => !s.includes('$') && s !== '???'));
const { tree } = fc.letrec<{ tree: ConfigObject; node: ConfigNode }>((tie) => ({
  tree: fc.dictionary(key, tie('node'), { maxKeys: 4 }) as fc.Arbitrary<ConfigObject>,
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 3 }), tie('tree')) as fc.Arbitrary<ConfigNode>,
}));

describe('composition invariants hold for any config', () => {
  it('resolving a config without interpolations gives it back unchanged', () => {
    fc.assert(fc.property(tree, (config) => {
      expect(resolveConfig(config, { env: {} })).toEqual(config);
    }));
  });

  it('merging a config into itself changes nothing', () => {
    fc.assert(fc.property(tree, (config) => {
      const target = cloneNode(config);
      mergeInto(target, config);
      expect(target).toEqual(config);
    }));
  });

  it('merging into an empty config copies the source', () => {
    fc.assert(fc.property(tree, (config) => {
      const target: ConfigObject = {};
      mergeInto(target, config);
      expect(target).toEqual(config);
      expect(JSON.stringify(Object.keys(target))).toBe(JSON.stringify(Object.keys(config)));
    }));
  });

  it('every key of the source ends up in the merge, and keys only the target had stay', () => {
    fc.assert(fc.property(tree, tree, (left, right) => {
      const target = cloneNode(left);
      mergeInto(target, right);
      for (const k of Object.keys(right)) expect(k in target).toBe(true);
      for (const k of Object.keys(left)) expect(k in target).toBe(true);
    }));
  });
});
