import { hostname } from 'node:os';
import { LaunchError } from '../errors.js';
import { findMarkedProcesses, readProcessStart } from '../process/process-mark.js';
import { isRunning } from '../process/stop-processes.js';
import type { LaunchEvent } from './launch-events.js';

/** A job an earlier launcher started and never saw end, whose processes still run on this host. */
export interface OrphanedJob {
  readonly num: number;
  readonly launchId: string;
  readonly pgid: number;
}

/** What still runs from earlier launches of a folder: job groups by their record, and marked strays. */
export interface Orphans {
  readonly jobs: readonly OrphanedJob[];
  /** Pids of processes carrying an earlier launch's mark (a job's children that left its group too). */
  readonly marked: readonly number[];
}

/** Resume found jobs of a dead launcher still running: starting them again would run them twice. */
export class OrphanedJobsError extends LaunchError {
  readonly path: string;
  readonly orphans: Orphans;
  constructor(dir: string, orphans: Orphans) {
    const jobs = orphans.jobs.map((job) => `job ${job.num} (process group ${job.pgid})`);
    const strays = orphans.marked.length > 0 ? [`${orphans.marked.length} other marked process(es): ${orphans.marked.join(', ')}`] : [];
    super(
      'ERR_ORPHANED_JOBS',
      `Cannot resume ${JSON.stringify(dir)}: processes of an earlier launch still run: ${[...jobs, ...strays].join('; ')}. ` +
        'Its launcher died without stopping them. Let them finish and resume later, or resume with stopOrphans: true (CLI: --stop-orphans) to stop them first.',
    );
    this.path = dir;
    this.orphans = orphans;
  }
}

/**
 * Reads a folder's events for jobs whose last `job:start` on this host has no `job:end` after it
 * and whose process group still runs with the recorded start time (a reused pid does not count),
 * and scans /proc for processes with an earlier launch's mark.
 */
export async function findOrphanedJobs(events: readonly LaunchEvent[]): Promise<Orphans> {
  const open = new Map<number, { launchId: string; pgid: number; startTicks: number | null }>();
  const launchIds = new Set<string>();
  const host = hostname();
  for (const event of events) {
    if (event.type === 'launch:start') launchIds.add(event.launchId);
    if (event.type === 'job:start' && event.group !== undefined && event.group.host === host) {
      open.set(event.job.num, { launchId: event.launchId, pgid: event.group.pgid, startTicks: event.group.startTicks });
    } else if (event.type === 'job:end') {
      open.delete(event.job.num);
    }
  }
  const jobs: OrphanedJob[] = [];
  for (const [num, group] of open) {
    if (!isRunning(-group.pgid)) continue;
    // The leader may be gone while its group runs on; when it is there, its start time must match.
    const leaderStart = readProcessStart(group.pgid);
    if (leaderStart !== null && group.startTicks !== null && leaderStart !== group.startTicks) continue;
    jobs.push({ num, launchId: group.launchId, pgid: group.pgid });
  }
  const marked = (await Promise.all([...launchIds].map((id) => findMarkedProcesses({ prefix: `${id}/` })))).flat();
  return { jobs: jobs.sort((a, b) => a.num - b.num), marked };
}
