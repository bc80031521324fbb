import { loadSchema } from '../../schema/load-schema.js';
import type { LauncherBackend, LauncherCommonConfig, LauncherDefinition } from '../launcher-definition.js';

/** The basic launcher's resolved config (schemas/basic.json). */
export interface BasicLauncherConfig extends LauncherCommonConfig {
  readonly launcher: 'basic';
}

/** Runs jobs strictly one after another, in job-number order; the only launcher that runs function jobs. */
function createBasicBackend(): LauncherBackend<BasicLauncherConfig> {
  return {
    lazy: true,
    async execute(context) {
      // The flow's reader stops handing out jobs once the launch stops (cancel, fail-fast).
      for await (const job of context.jobs()) {
        const started = context.clock.now();
        const outcome = await context.runJob(job);
        context.finishJob(job, outcome, { durationMs: context.clock.now() - started });
      }
    },
  };
}

export const basicLauncher: LauncherDefinition<BasicLauncherConfig> = {
  name: 'basic',
  targets: ['hydra._internal.core_plugins.basic_launcher.BasicLauncher'],
  schema: loadSchema('basic.json'),
  createBackend: createBasicBackend,
};
