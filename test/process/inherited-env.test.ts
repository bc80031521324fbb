import { describe, expect, it } from 'vitest';
import { inheritedEnv } from '../../src/process/inherited-env.js';
import { layerEnv } from '../../src/process/layer-env.js';

describe('inheritedEnv', () => {
  it('hands out the same copy while the environment holds the same names and values', () => {
    const source = { PATH: '/bin', HOME: '/home/a' };
    const first = inheritedEnv(source);
    expect(first).toEqual(source);
    expect(first).not.toBe(source);
    expect(inheritedEnv({ ...source })).toBe(first);
  });

  it('takes a new copy once a value changed, a variable came or one went, and the old copy keeps what it had', () => {
    const first = inheritedEnv({ PATH: '/bin', HOME: '/home/a' });
    const changed = inheritedEnv({ PATH: '/usr/bin', HOME: '/home/a' });
    expect(changed).not.toBe(first);
    expect(changed.PATH).toBe('/usr/bin');
    expect(first.PATH).toBe('/bin');
    const added = inheritedEnv({ PATH: '/usr/bin', HOME: '/home/a', CUDA_VISIBLE_DEVICES: '0' });
    expect(added).not.toBe(changed);
    expect(added.CUDA_VISIBLE_DEVICES).toBe('0');
    const removed = inheritedEnv({ PATH: '/usr/bin', HOME: '/home/a' });
    expect(removed).not.toBe(added);
    expect('CUDA_VISIBLE_DEVICES' in removed).toBe(false);
  });

  it('is a prototype a job may set its own variables over, the copy left as it was', () => {
    const base = inheritedEnv({ PATH: '/bin', HOME: '/home/a' });
    const env = layerEnv(base, { PATH: '/job/bin', SEED: '7' });
    expect([env.PATH, env.HOME, env.SEED]).toEqual(['/job/bin', '/home/a', '7']);
    expect(base).toEqual({ PATH: '/bin', HOME: '/home/a' });
  });
});
