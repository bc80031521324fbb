import type { LaunchPlan } from '../run/launch-plan.js';
import type { BatchLauncherConfig } from './batch-launcher-config.js';
import { renderBatchLaunch } from './render-batch-launch.js';
import type { SchedulerBackend } from './scheduler-backend.js';

/**
 * What `launch(jobs, { dryRun: true })` shows for a batch launcher: every array script and job
 * file as it would be written, without asking the cluster (MaxArraySize: `max_array_size`,
 * else the backend's documented default). Pure.
 */
export function describeBatchPlan<Config extends BatchLauncherConfig>(plan: LaunchPlan, config: Config, backend: SchedulerBackend<Config>): Record<string, unknown> {
  const maxArraySize = config.max_array_size ?? backend.defaultMaxArraySize;
  const rendered = renderBatchLaunch(plan, config, backend, maxArraySize);
  const { arrays, parallelismMode } = rendered.descriptor;
  // Exactly the scheduler calls the launch makes before it releases anything: one probe per
  // distinct request, then one held submit per array (chained after the previous in chained mode).
  const probes = new Map<string, readonly string[]>();
  for (const array of arrays) {
    const argv = backend.probeArgv?.(array.script);
    if (argv !== undefined && !probes.has(`${array.timeMin}\u0000${array.jobName}`)) probes.set(`${array.timeMin}\u0000${array.jobName}`, argv);
  }
  const chain = parallelismMode !== 'shared' && rendered.descriptor.jobs.length > config.array_parallelism;
  const submits = arrays.map((array, i) => backend.submitArgv(array.script, { hold: true, after: chain && i > 0 ? `<array ${i - 1}>` : null }));
  const submitCommands = [...probes.values(), ...submits].map((argv) => [...argv]);
  return {
    submititFolder: rendered.paths.folder,
    maxArraySize,
    parallelismMode,
    submitCalls: submitCommands.length,
    submitCommands,
    arrayCaps: arrays.map((a) => a.cap),
    scripts: rendered.descriptor.arrays.map((array) => ({ path: array.script, offset: array.offset, count: array.count, text: rendered.scripts[array.index] })),
    jobScripts: rendered.jobFiles().map((file) => ({ num: file.num, path: rendered.paths.jobScript(file.num), text: file.script })),
  };
}
