import type { LaunchEvent } from '../run/launch-events.js';
import type { Paint } from './use-color.js';
import { estimateRemainingMs, pendingJobs } from './progress-state.js';
import type { ProgressState } from './progress-state.js';

/** `m:ss` (or `h:mm:ss`) for a duration: what a person reads at a glance. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The one live line: `[12/20] 10 done · 1 failed · 2 running · 7 pending · 0:41 elapsed · ETA 1:05`. */
export function formatProgressLine(state: ProgressState, nowMs: number, paint: Paint, label: string): string {
  const finished = state.completed + state.failed + state.cancelled;
  const elapsed = state.startedAt === null ? 0 : nowMs - state.startedAt;
  const eta = estimateRemainingMs(state, nowMs);
  const parts = [
    paint('green', `${state.completed} done`),
    state.failed > 0 ? paint('red', `${state.failed} failed`) : `${state.failed} failed`,
    ...(state.cancelled > 0 ? [paint('yellow', `${state.cancelled} cancelled`)] : []),
    `${state.running.size} running`,
    `${pendingJobs(state)} pending`,
    `${formatClock(elapsed)} elapsed`,
    `ETA ${eta === null ? '--:--' : formatClock(eta)}`,
  ];
  return `${paint('bold', label)} [${finished}/${state.total}] ${parts.join(' · ')}`;
}

/** One plain log line per event that matters (no colour, no redraw): for CI, pipes and files. Null for the rest. */
export function formatEventLine(event: LaunchEvent, paint: Paint): string | null {
  const at = event.time.slice(11, 19);
  switch (event.type) {
    case 'launch:start':
      return `${at} launch ${event.launcher} (${event.mode}): ${event.jobCount} job${event.jobCount === 1 ? '' : 's'} -> ${event.dir}`;
    case 'job:start':
      return `${at} job ${event.job.num} started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}: ${overridesText(event.job.overrides)}`;
    case 'job:state':
      return `${at} job ${event.job.num} ${event.state}${event.detail === null ? '' : `: ${event.detail}`}`;
    case 'job:end': {
      const status = event.status === 'completed' ? paint('green', event.status) : paint('red', event.status);
      const exit = 'exitCode' in event && event.exitCode !== null ? ` exit ${event.exitCode}` : '';
      return `${at} job ${event.job.num} ${status} in ${(event.durationMs / 1000).toFixed(1)}s${exit}: ${overridesText(event.job.overrides)}`;
    }
    case 'launch:end':
      return `${at} launch ended after ${formatClock(event.durationMs)}${event.cancelled ? ' (cancelled)' : ''}`;
    case 'job:queued':
    case 'job:output':
      return null;
  }
}

export function overridesText(overrides: readonly string[]): string {
  return overrides.length === 0 ? '(no overrides)' : overrides.join(' ');
}
