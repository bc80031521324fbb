import { join } from 'node:path';
import type { JobOutcome } from '../job/job-outcome.js';
import { layerEnv } from '../process/layer-env.js';
import { PROCESS_MARK_ENV, processMark } from '../process/process-mark.js';
import type { Stop, StopSwitch } from '../process/stop-switch.js';
import type { Clock } from '../process/system-clock.js';
import { capLogFile } from '../run/cap-log-file.js';
import type { EventDraft } from '../run/event-sink.js';
import { OUTPUT_EVENT_CAP_BYTES, type JobRef } from '../run/launch-events.js';
import { refOf } from '../run/job-ref.js';
import type { PlannedJob } from '../run/launch-plan.js';
import type { RunJobOptions } from './launcher-definition.js';
import type { LauncherSettings } from './resolve-launcher-settings.js';
import { runLocalJob } from './run-local-job.js';


/** What running a job here needs from the launch. */
export interface HereContext {
  readonly launchId: string;
  readonly settings: LauncherSettings;
  readonly clock: Clock;
  /** The launch's stop (cancel, or a launch failure), heard by its jobs through one listener (see `followSignal`). */
  readonly signal: Stop;
  readonly streamOutput: boolean;
  readonly parentEnv: NodeJS.ProcessEnv;
  /** This machine's name, for `job:start`'s group (read once per launch). */
  readonly host: string;
  readonly emit: (draft: EventDraft) => unknown;
  /** Keeps track of running process groups, for the launching process's exit. */
  readonly groups: Set<number>;
  /** The job's ref as the launch's other events carry it (the same object). @default refOf */
  readonly refOf?: (job: PlannedJob) => JobRef;
}

/**
 * Runs one planned job on this machine: marks its processes, reports its group in `job:start`,
 * streams its output as events up to {@link OUTPUT_EVENT_CAP_BYTES} (then one note of what was
 * left out), and caps its logs to `max_log_mb` when it ends. `ownStop` is the job's own cancel
 * (its handle's), heard like the launch's stop and `options.signal`. Never rejects.
 */
export async function runJobHere(here: HereContext, job: PlannedJob, options: RunJobOptions, logs?: { readonly stdout: number; readonly stderr: number }, ownStop?: StopSwitch): Promise<JobOutcome> {
  const ref = (here.refOf ?? refOf)(job);
  const cut = { stdout: 0, stderr: 0 };
  let recorded = 0;
  const onLine = (stream: 'stdout' | 'stderr', line: string): void => {
    const bytes = Buffer.byteLength(line) + 1;
    if (recorded + bytes > OUTPUT_EVENT_CAP_BYTES) {
      cut[stream] += bytes;
      return;
    }
    recorded += bytes;
    here.emit({ type: 'job:output', job: ref, stream, line });
  };
  let pgid: number | null = null;
  const mark = processMark(here.launchId, job.num);
  const outcome = await runLocalJob({
    job,
    // The launch's environment is inherited, not copied per job (see layerEnv).
    env: layerEnv(here.parentEnv, job.env, options.extraEnv, { [PROCESS_MARK_ENV]: mark }),
    ...(logs === undefined ? {} : { logs }),
    timeoutMs: options.timeoutMs === undefined ? job.timeoutMs : options.timeoutMs,
    killGraceMs: here.settings.killGraceMs,
    // The launch's stop and the job's own (its handle's cancel, a backend's signal), heard apart: no AbortSignal.any per job.
    signal: here.signal,
    jobSignals: [ownStop, options.signal].filter((stop): stop is Stop => stop !== undefined),
    clock: here.clock,
    mark,
    onSpawn: (pid, startTicks) => {
      if (pid !== null) {
        pgid = pid;
        here.groups.add(pid);
      }
      const group = pid === null ? {} : { group: { pgid: pid, startTicks, host: here.host } };
      here.emit({ type: 'job:start', job: ref, pid, attempt: 1, device: options.device ?? null, ...group });
    },
    ...(here.streamOutput ? { onLine } : {}),
    stoppedOutcome: (reason, killSignal) =>
      !here.signal.aborted && options.stoppedBySignal ? options.stoppedBySignal(reason, killSignal) : { status: 'cancelled', signal: killSignal, reason: String(here.signal.reason ?? reason) },
  });
  if (pgid !== null) here.groups.delete(pgid);
  for (const stream of ['stdout', 'stderr'] as const) {
    if (cut[stream] > 0) {
      const line = `[spectramind] ${cut[stream]} bytes of ${stream} were not recorded as events (at most ${OUTPUT_EVENT_CAP_BYTES} bytes per job); ${stream}.log has them all`;
      here.emit({ type: 'job:output', job: ref, stream, line });
    }
  }
  const maxBytes = here.settings.maxLogBytes;
  if (maxBytes !== null && options.capLogs !== false && job.payload.kind !== 'function') {
    const setting = `max_log_mb=${maxBytes / 1024 / 1024}`;
    // A log that cannot be cut stays whole: the job's record matters more than its size.
    await Promise.all(['stdout.log', 'stderr.log'].map((name) => capLogFile(join(job.outputDir, name), maxBytes, setting).catch(() => undefined)));
  }
  return outcome;
}
