import { describe, expect, it } from 'vitest';
import { assignLanes } from '../../src/report/assign-lanes.js';

const span = (start: number, end: number) => ({ start, end });

describe('assigning timeline lanes', () => {
  it('packs jobs into as many slots as ran at once, reusing a slot once its job ended', () => {
    const layout = assignLanes(
      [
        { num: 0, place: null, span: span(0, 10) },
        { num: 1, place: null, span: span(0, 5) },
        { num: 2, place: null, span: span(5, 9) },
        { num: 3, place: null, span: span(9, 12) },
      ],
      40,
    );
    expect(layout.rows).toEqual(['slot 1', 'slot 2']);
    expect([0, 1, 2, 3].map((n) => layout.rowOf.get(n))).toEqual([0, 1, 1, 1]);
  });

  it('gives each named device or node its own lane, in natural order, and a lane for jobs that never ran', () => {
    const layout = assignLanes(
      [
        { num: 0, place: 'device 10', span: span(0, 1) },
        { num: 1, place: 'device 2', span: span(0, 1) },
        { num: 2, place: null, span: null },
      ],
      40,
    );
    expect(layout.rows).toEqual(['device 2', 'device 10', 'not started']);
    expect(layout.rowOf.get(0)).toBe(1);
    expect(layout.rowOf.get(2)).toBe(2);
  });

  it('collapses more lanes than rows into neighbouring groups, every job still placed', () => {
    const jobs = Array.from({ length: 100 }, (_, num) => ({ num, place: null, span: span(0, 1) }));
    const layout = assignLanes(jobs, 10);
    expect(layout.laneCount).toBe(100);
    expect(layout.rows).toHaveLength(10);
    expect(layout.rows[0]).toBe('slot 1 … slot 10');
    expect(new Set(jobs.map((j) => layout.rowOf.get(j.num))).size).toBe(10);
    expect(jobs.every((j) => (layout.rowOf.get(j.num) ?? -1) >= 0)).toBe(true);
  });
});
