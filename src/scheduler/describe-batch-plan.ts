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
  return {
    submititFolder: rendered.paths.folder,
    maxArraySize,
    submitCalls: rendered.scripts.length,
    scripts: rendered.descriptor.arrays.map((array) => ({ path: array.script, offset: array.offset, count: array.count, text: rendered.scripts[array.index] })),
    jobScripts: rendered.jobFiles().map((file) => ({ num: file.num, path: rendered.paths.jobScript(file.num), text: file.script })),
  };
}
