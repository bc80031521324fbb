import type { TaskTimeLimit } from './split-into-arrays.js';

/** Tasks per time-limit call: keeps one argv well under the kernel's 128 KiB per argument. */
export const MAX_TASKS_PER_LIMIT_CALL = 1000;

/**
 * The calls that give an array's tasks their own time limits: one per distinct limit, split
 * every {@link MAX_TASKS_PER_LIMIT_CALL} tasks. The launch and its dry run both use it, so the
 * dry run lists exactly the calls the launch makes. Pure.
 */
export function taskTimeLimitCalls(taskLimits: readonly TaskTimeLimit[]): TaskTimeLimit[] {
  const calls: TaskTimeLimit[] = [];
  for (const limit of taskLimits) {
    for (let i = 0; i < limit.tasks.length; i += MAX_TASKS_PER_LIMIT_CALL) {
      calls.push({ timeMin: limit.timeMin, tasks: limit.tasks.slice(i, i + MAX_TASKS_PER_LIMIT_CALL) });
    }
  }
  return calls;
}
