import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { JobSpecError } from '../errors.js';
import { readEventLogSync } from '../run/read-event-log.js';
import type { EventLogContents } from '../run/read-event-log.js';
import type { SpectramindSnapshotNode } from '../run/snapshots/build-hydra-node.js';
import { parseConfigYaml } from './parse-config-yaml.js';
import type { ConfigObject } from './config-tree.js';

/** One job of a launch folder, read back from its snapshots and the event log. */
export interface ReadJob {
  readonly num: number;
  /** The job's output folder. */
  readonly dir: string;
  /** `.hydra/overrides.yaml`. */
  readonly overrides: readonly string[];
  /** `.hydra/config.yaml`, interpolations kept. */
  readonly config: ConfigObject;
  /** `.hydra/hydra.yaml`'s `hydra` node. */
  readonly hydra: Readonly<Record<string, unknown>>;
  /** What the job runs, as recorded (`hydra.yaml`'s `spectramind.job`); null when the folder predates it. */
  readonly payload: SpectramindSnapshotNode['job'] | null;
  /** The last status `events.jsonl` records for it (`completed`, `failed`, ...), or null when it never ended. */
  readonly status: string | null;
}

/** A run or sweep folder read back: its jobs in number order and its event log. */
export interface ReadLaunch {
  readonly dir: string;
  readonly mode: 'run' | 'multirun';
  readonly launchId: string | null;
  readonly jobs: readonly ReadJob[];
  /** Typed events; a torn last line is reported in `events.torn`, never thrown. */
  readonly events: EventLogContents;
}

/**
 * Reads a run folder (`.hydra/` inside it) or a sweep folder (`multirun.yaml`, one subfolder per
 * job): every job's snapshots and its status from `events.jsonl` (tolerant of a torn last line).
 */
export function readLaunch(dir: string): ReadLaunch {
  const events = readEventLogSync(join(dir, 'events.jsonl'));
  const status = new Map<number, string>();
  let launchId: string | null = null;
  for (const event of events.events) {
    launchId ??= event.launchId;
    if (event.type === 'job:end') status.set(event.job.num, event.status);
  }
  const single = existsSync(join(dir, '.hydra', 'hydra.yaml'));
  const folders = single ? [dir] : readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(dir, e.name, '.hydra', 'hydra.yaml'))).map((e) => join(dir, e.name));
  if (folders.length === 0) throw new JobSpecError(`${JSON.stringify(dir)} holds no job snapshots (.hydra/hydra.yaml): point at a run folder or a sweep folder.`);
  const jobs = folders.map((folder) => readJob(folder, status)).sort((a, b) => a.num - b.num);
  return { dir, mode: single ? 'run' : 'multirun', launchId, jobs, events };
}

/** Reads one job folder's `.hydra/` snapshots. */
export function readJob(folder: string, status: ReadonlyMap<number, string> = new Map()): ReadJob {
  const state = join(folder, '.hydra');
  const snapshot = parse(readFileSync(join(state, 'hydra.yaml'), 'utf8')) as { hydra?: Record<string, unknown>; spectramind?: SpectramindSnapshotNode };
  const hydra = snapshot.hydra ?? {};
  const job = (hydra['job'] ?? {}) as { num?: unknown };
  const num = typeof job.num === 'number' ? job.num : 0;
  const overrides = (parse(readFileSync(join(state, 'overrides.yaml'), 'utf8')) as unknown[] | null) ?? [];
  const config = parseConfigYaml(readFileSync(join(state, 'config.yaml'), 'utf8'), join(state, 'config.yaml')).content;
  return { num, dir: folder, overrides: overrides.map(String), config, hydra, payload: snapshot.spectramind?.job ?? null, status: status.get(num) ?? null };
}
