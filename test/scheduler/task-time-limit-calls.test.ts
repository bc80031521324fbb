import { describe, expect, it } from 'vitest';
import { MAX_TASKS_PER_LIMIT_CALL, taskTimeLimitCalls } from '../../src/scheduler/task-time-limit-calls.js';

describe('taskTimeLimitCalls', () => {
  it('makes one call per distinct limit', () => {
    expect(taskTimeLimitCalls([{ timeMin: 1, tasks: [0, 2] }, { timeMin: 5, tasks: [1] }])).toEqual([{ timeMin: 1, tasks: [0, 2] }, { timeMin: 5, tasks: [1] }]);
  });

  it('splits a limit shared by more tasks than one call may carry', () => {
    const tasks = Array.from({ length: MAX_TASKS_PER_LIMIT_CALL * 2 + 1 }, (_, i) => 2 * i);
    const calls = taskTimeLimitCalls([{ timeMin: 3, tasks }]);
    expect(calls.map((c) => c.tasks.length)).toEqual([MAX_TASKS_PER_LIMIT_CALL, MAX_TASKS_PER_LIMIT_CALL, 1]);
    expect(calls.flatMap((c) => c.tasks)).toEqual(tasks);
  });

  it('makes no call for an array whose tasks share its limit', () => {
    expect(taskTimeLimitCalls([])).toEqual([]);
  });
});
