import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchedulerCommands } from '../../src/scheduler/scheduler-commands.js';
import type { SchedulerRecord } from '../../src/scheduler/scheduler-record.js';
import { classifySlurmState } from '../../src/launchers/slurm/slurm-state.js';
import { isFinalState } from '../../src/scheduler/scheduler-state.js';

/**
 * An in-memory scheduler for logic tests: each task walks through its list of states, one
 * step per query. States may carry an exit code (`FAILED:3`). COMPLETED module jobs get a
 * result file, as the real worker would write it.
 */
export function fakeScheduler(statesOf: (num: number) => readonly string[] = () => ['PENDING', 'RUNNING', 'COMPLETED']) {
  const tasks = new Map<string, { num: number; step: number; attempt: number; folder: string; states: readonly string[] }>();
  const calls = { submit: [] as { script: string; hold: boolean; after: string | null }[], query: [] as number[], cancel: [] as string[][], requeue: [] as string[][], release: [] as string[][], throttle: [] as [string, number][], probe: [] as string[], timeLimit: [] as [string, number[], number][] };
  const held = new Set<string>();
  // like --dependency=afterany: an array's tasks pend until every task of the one it waits for ended
  const waitsFor = new Map<string, string>();
  const ended = (arrayJobId: string) =>
    [...tasks].every(([key, t]) => !key.startsWith(`${arrayJobId}_`) || isFinalState(classifySlurmState((t.states[Math.min(t.step, t.states.length - 1)] ?? 'PENDING').split(':')[0] ?? 'PENDING')));
  let running = 0;
  let mostRunning = 0;
  let nextId = 100;
  const record = (arrayJobId: string, task: number): SchedulerRecord | null => {
    const t = tasks.get(`${arrayJobId}_${task}`);
    if (t === undefined) return null;
    const [state = 'PENDING', exit = '0'] = (t.states[Math.min(t.step, t.states.length - 1)] ?? 'PENDING').split(':');
    if (state === 'COMPLETED') writeFileSync(join(t.folder, 'jobs', String(t.num), 'result.json'), JSON.stringify({ ok: true, result: { num: t.num } }));
    return { arrayJobId, task, state, kind: classifySlurmState(state), exitCode: Number(exit), signal: 0, reason: null, attempt: t.attempt };
  };
  const commands: SchedulerCommands = {
    async submit(script, { hold, after }) {
      calls.submit.push({ script, hold, after });
      if (hold) held.add(String(nextId));
      const text = readFileSync(script, 'utf8');
      const offset = Number(/_sm_num=\$\(\( (\d+) \+/.exec(text)?.[1]);
      const last = Number(/--array=0(?:-(\d+))?%/.exec(text)?.[1] ?? 0);
      const folder = /_sm_folder='([^']*)'/.exec(text)?.[1] ?? '';
      const id = String(nextId++);
      if (after !== null) waitsFor.set(id, after);
      for (let task = 0; task <= last; task++) tasks.set(`${id}_${task}`, { num: offset + task, step: 0, attempt: 1, folder, states: statesOf(offset + task) });
      return id;
    },
    async query(refs) {
      calls.query.push(refs.length);
      const out: SchedulerRecord[] = [];
      running = 0;
      for (const ref of refs) {
        const dependency = waitsFor.get(ref.arrayJobId);
        if (dependency !== undefined && !ended(dependency)) {
          out.push({ arrayJobId: ref.arrayJobId, task: ref.task, state: 'PENDING', kind: 'pending', exitCode: null, signal: null, reason: 'Dependency', attempt: 1 });
          continue;
        }
        if (held.has(ref.arrayJobId)) {
          out.push({ arrayJobId: ref.arrayJobId, task: ref.task, state: 'PENDING', kind: 'pending', exitCode: null, signal: null, reason: 'JobHeldUser', attempt: 1 });
          continue;
        }
        const r = record(ref.arrayJobId, ref.task);
        if (r !== null) out.push(r);
        if (r?.kind === 'running') running += 1;
        const t = tasks.get(`${ref.arrayJobId}_${ref.task}`);
        if (t !== undefined) t.step += 1;
      }
      mostRunning = Math.max(mostRunning, running);
      return out;
    },
    async cancel(ids) {
      calls.cancel.push([...ids]);
      for (const [key, t] of tasks) if (ids.some((id) => key === id || key.startsWith(`${id}_`))) t.states = [...t.states.slice(0, t.step), 'CANCELLED'];
    },
    async release(ids) {
      calls.release.push([...ids]);
      for (const id of ids) held.delete(id);
    },
    async requeue(ids) {
      calls.requeue.push([...ids]);
      for (const id of ids) {
        const t = tasks.get(id);
        if (t !== undefined) {
          t.attempt += 1;
          t.states = ['PENDING', 'RUNNING', 'COMPLETED'];
          t.step = 0;
        }
      }
    },
    async maxArraySize() {
      return 10001;
    },
  };
  /** The same scheduler with a throttle (arrays share array_parallelism) and a probe that accepts everything. */
  const sharing: SchedulerCommands = {
    ...commands,
    async throttle(id, cap) {
      calls.throttle.push([id, cap]);
    },
    async probe(script) {
      calls.probe.push(script);
      return null;
    },
    async setTaskTimeLimit(id, tasks, timeMin) {
      // as on SLURM, a limit set after a task may have started would not bind it: only held arrays
      if (!held.has(id)) throw new Error(`fake scheduler: array ${id} is not held`);
      calls.timeLimit.push([id, [...tasks], timeMin]);
    },
  };
  return { commands, sharing, calls, mostRunning: () => mostRunning };
}
