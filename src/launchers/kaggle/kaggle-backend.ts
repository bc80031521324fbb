import { join } from 'node:path';
import { toJobErrorInfo, type JobOutcome } from '../../job/job-outcome.js';
import { redactRecord } from '../../run/redact/redact-record.js';
import { writeFileAtomic } from '../../run/write-file-atomic.js';
import type { PlannedJob } from '../../run/launch-plan.js';
import type { ExecutionContext, LauncherBackend } from '../launcher-definition.js';
import { refOf } from '../../run/job-ref.js';
import { buildKaggleSummary, type EndedKaggleJob } from './build-kaggle-summary.js';
import { capLogFile, trimRunningLog, type LogCap } from '../../run/cap-log-file.js';
import { collectArtifacts } from './collect-artifacts.js';
import { computeLaunchDeadline, type LaunchDeadline } from './compute-launch-deadline.js';
import { decideJobStart } from './decide-job-start.js';
import { KaggleSweepTooLargeError } from './kaggle-errors.js';
import type { KaggleLauncherConfig } from './kaggle-launcher-config.js';
import { unstartedOutcome } from '../unstarted-outcome.js';

type Context = ExecutionContext<KaggleLauncherConfig>;

/**
 * Runs jobs one after another against the launch deadline: a job that cannot finish in the
 * time left is skipped, a job still running at the deadline is stopped (SIGTERM, SIGKILL
 * after kill_grace_s) and recorded as `timed-out`. Artifacts are collected and `summary.json`
 * rewritten after every job that ran, and a last time, whatever happened, before `execute`
 * returns, i.e. before `launch:end`.
 */
export function createKaggleBackend(config: KaggleLauncherConfig): LauncherBackend<KaggleLauncherConfig> {
  return {
    checkJobs(jobs) {
      if (jobs.length > config.max_sweep_jobs) throw new KaggleSweepTooLargeError(jobs.length, config.max_sweep_jobs);
    },
    async execute(context) {
      const deadline = computeLaunchDeadline(context.clock.now(), config);
      const outputRoot = config.output_root ?? context.plan.cwd;
      const ended: EndedKaggleJob[] = [];
      const finish = (entry: EndedKaggleJob): void => {
        ended.push(entry);
        context.finishJob(entry.job, entry.outcome, { durationMs: entry.durationMs, attempts: entry.ran ? 1 : 0 });
      };
      const copied = new Map<string, string>();
      // Collects what the jobs so far produced and rewrites summary.json: after every job that ran, so a
      // session killed outright (e.g. it started long before the launch) still keeps the last good bundle.
      const checkpoint = async (final: boolean): Promise<void> => {
        const sources = ended.filter((e) => e.ran).map((e) => ({ num: e.job.num, status: e.outcome.status, outputDir: e.job.outputDir }));
        const artifacts = await collectArtifacts(config.collect, sources, outputRoot, copied);
        const summary = buildKaggleSummary(context.plan, ended, { deadline, nowMs: context.clock.now(), outputRoot, artifacts, final });
        await writeFileAtomic(join(context.plan.dir, 'summary.json'), `${JSON.stringify(redactRecord(summary), null, 2)}\n`);
      };
      let crash: unknown = null;
      try {
        for (const job of context.plan.jobs) {
          if (context.shouldStop()) {
            finish(notStarted(job, unstartedOutcome(context.signal)));
            continue;
          }
          const entry = await budgetedRun(context, config, job, deadline, ended);
          finish(entry);
          if (entry.ran) await checkpoint(false);
        }
      } catch (error) {
        crash = error;
        const done = new Set(ended.map((e) => e.job.num));
        for (const job of context.plan.jobs) {
          if (!done.has(job.num)) finish(notStarted(job, { status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(error) }));
        }
      }
      await checkpoint(true);
      if (crash !== null) throw crash;
    },
  };
}

async function budgetedRun(context: Context, config: KaggleLauncherConfig, job: PlannedJob, deadline: LaunchDeadline, ended: readonly EndedKaggleJob[]): Promise<EndedKaggleJob> {
  const decision = decideJobStart({
    nowMs: context.clock.now(),
    deadlineMs: deadline.deadlineMs,
    expectedMs: job.expectedDurationMs,
    completedDurationsMs: ended.filter((e) => e.outcome.status === 'completed').map((e) => e.durationMs),
  });
  if (decision.kind === 'skip') {
    context.emit({ type: 'job:state', job: refOf(job), state: 'skipped-by-budget', native: null, attempt: 0, detail: decision.reason });
    return notStarted(job, { status: 'skipped', reason: decision.reason });
  }
  const started = context.clock.now();
  const guard = new AbortController();
  const jobEnded = new AbortController();
  // The guard sleeps on the injected clock, so tests with a shifted clock see the same deadline the budget used.
  void context.clock.sleep(Math.max(0, deadline.deadlineMs - started), jobEnded.signal).then(
    () => {
      context.emit({
        type: 'job:state',
        job: refOf(job),
        state: 'stopped-by-guardrail',
        native: null,
        attempt: 1,
        detail: `launch deadline ${new Date(deadline.deadlineMs).toISOString()} reached (${deadline.limitedBy}): SIGTERM now, SIGKILL after kill_grace_s=${config.kill_grace_s}`,
      });
      guard.abort('the kaggle launch deadline was reached');
    },
    () => undefined,
  );
  const trimming = watchLogs(context, config, job, jobEnded.signal);
  let outcome: JobOutcome;
  try {
    outcome = await context.runJob(job, {
      signal: guard.signal,
      capLogs: false, // capped below, with the cut reported in summary.json
      stoppedBySignal: (_reason: unknown, signal?: string | null) => ({ status: 'timed-out', signal: signal ?? null, timeoutMs: deadline.deadlineMs - started }),
    });
  } finally {
    jobEnded.abort();
  }
  const logs = await capLogs(job, config, await trimming);
  const stoppedByGuardrail = guard.signal.aborted && outcome.status === 'timed-out';
  return { job, outcome, durationMs: context.clock.now() - started, ran: true, stoppedByGuardrail, logs };
}

const LOG_NAMES = ['stdout.log', 'stderr.log'] as const;

/** How often a running job's logs are checked against the cap, on the launch clock. */
const LOG_CHECK_MS = 2000;

/** Keeps a running job's logs near the cap until `ended` aborts; resolves to the bytes cut per log. */
async function watchLogs(context: Context, config: KaggleLauncherConfig, job: PlannedJob, ended: AbortSignal): Promise<Record<string, number>> {
  const cut: Record<string, number> = { 'stdout.log': 0, 'stderr.log': 0 };
  if (config.max_log_mb === null || job.payload.kind === 'function') return cut;
  const maxBytes = Math.floor(config.max_log_mb * 1024 * 1024);
  for (;;) {
    try {
      await context.clock.sleep(LOG_CHECK_MS, ended);
    } catch {
      return cut;
    }
    if (ended.aborted) return cut;
    for (const name of LOG_NAMES) cut[name] = (cut[name] ?? 0) + (await trimRunningLog(join(job.outputDir, name), maxBytes).catch(() => 0));
  }
}

async function capLogs(job: PlannedJob, config: KaggleLauncherConfig, cutWhileRunning: Readonly<Record<string, number>>): Promise<Record<string, LogCap>> {
  if (config.max_log_mb === null || job.payload.kind === 'function') return {};
  const maxBytes = Math.floor(config.max_log_mb * 1024 * 1024);
  const setting = `max_log_mb=${config.max_log_mb}`;
  const caps: Record<string, LogCap> = {};
  for (const name of LOG_NAMES) {
    // A log that cannot be cut stays whole; the summary says why, and the jobs go on.
    caps[name] = await capLogFile(join(job.outputDir, name), maxBytes, setting, cutWhileRunning[name] ?? 0).catch((error: unknown) => ({
      truncated: false as const,
      bytes: 0,
      error: String((error as Error).message),
    }));
  }
  return caps;
}

function notStarted(job: PlannedJob, outcome: JobOutcome): EndedKaggleJob {
  return { job, outcome, durationMs: 0, ran: false, stoppedByGuardrail: false, logs: {} };
}

