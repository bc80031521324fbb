import { describe, expect, it } from 'vitest';
import { initialArrayCaps, planArrayCaps } from '../../src/scheduler/plan-array-caps.js';

describe('initialArrayCaps', () => {
  it('gives the whole budget to the first arrays and leaves the rest waiting', () => {
    expect(initialArrayCaps([10, 10, 10, 10, 10], 30)).toEqual([10, 10, 10, 0, 0]);
    expect(initialArrayCaps([1, 1, 1], 8)).toEqual([1, 1, 1]);
    expect(initialArrayCaps([5, 5], 7)).toEqual([5, 2]);
  });
});

describe('planArrayCaps', () => {
  it('releases a waiting array once an earlier one has finished, keeping the sum within the budget', () => {
    const arrays = [
      { id: 'a', remaining: 0, cap: 10, released: true },
      { id: 'b', remaining: 10, cap: 10, released: true },
      { id: 'c', remaining: 10, cap: 10, released: true },
      { id: 'd', remaining: 10, cap: 0, released: false },
      { id: 'e', remaining: 10, cap: 0, released: false },
    ];
    expect(planArrayCaps(arrays, 30)).toEqual([{ id: 'd', cap: 10, release: true }]);
  });

  it('raises the cap of a partly capped array as budget frees up', () => {
    const arrays = [
      { id: 'a', remaining: 2, cap: 5, released: true },
      { id: 'b', remaining: 5, cap: 2, released: true },
    ];
    expect(planArrayCaps(arrays, 7)).toEqual([{ id: 'b', cap: 5, release: false }]);
  });

  it('changes nothing while every array has what it can use', () => {
    const arrays = [
      { id: 'a', remaining: 3, cap: 3, released: true },
      { id: 'b', remaining: 4, cap: 4, released: true },
    ];
    expect(planArrayCaps(arrays, 7)).toEqual([]);
  });

  it('never lets the caps of released arrays plus new releases exceed the budget', () => {
    const arrays = [
      { id: 'a', remaining: 8, cap: 8, released: true },
      { id: 'b', remaining: 8, cap: 0, released: false },
    ];
    expect(planArrayCaps(arrays, 8)).toEqual([]);
  });
});
