import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../src/async/map-limit.js';

/** A deferred per item, so the test decides when each call ends (no sleeping). */
function gated() {
  const pending = new Map<number, () => void>();
  const started: number[] = [];
  const fn = (item: number) =>
    new Promise<void>((resolve) => {
      started.push(item);
      pending.set(item, resolve);
    });
  const finish = async (item: number) => {
    pending.get(item)?.();
    pending.delete(item);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { fn, started, pending, finish };
}

describe('mapLimit', () => {
  it('never has more than limit calls in flight and starts items in order', async () => {
    const g = gated();
    const done = mapLimit([0, 1, 2, 3, 4], 2, g.fn);
    await Promise.resolve();
    expect(g.started).toEqual([0, 1]);
    await g.finish(1);
    expect(g.started).toEqual([0, 1, 2]);
    await g.finish(0);
    await g.finish(2);
    expect(g.started).toEqual([0, 1, 2, 3, 4]);
    await g.finish(3);
    await g.finish(4);
    await done;
  });

  it('stops taking items once shouldStop says so, and lets the started ones end', async () => {
    const g = gated();
    let stop = false;
    const done = mapLimit([0, 1, 2, 3], 2, g.fn, () => stop);
    await Promise.resolve();
    stop = true;
    await g.finish(0);
    await g.finish(1);
    await done;
    expect(g.started).toEqual([0, 1]);
  });

  it('reads a lazy source only as fast as it is consumed', async () => {
    const pulled: number[] = [];
    function* source() {
      for (let i = 0; i < 4; i++) {
        pulled.push(i);
        yield i;
      }
    }
    const g = gated();
    const done = mapLimit(source(), 1, g.fn);
    await Promise.resolve();
    expect(pulled).toEqual([0]);
    for (const i of [0, 1, 2, 3]) await g.finish(i);
    await done;
    expect(pulled).toEqual([0, 1, 2, 3]);
  });

  it('rejects with the first error and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      mapLimit([0, 1, 2, 3], 1, async (item) => {
        started.push(item);
        if (item === 1) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });
});
