import { mkdirSync } from 'node:fs';
import { sep } from 'node:path';
import { openJobLogsSync, type JobLogs } from './open-job-logs.js';
import { writeStateDirSync } from './write-state-dir.js';

/** One job's file work, as plain data a worker thread can receive: paths and rendered texts only. */
export interface JobFilesTask {
  readonly num: number;
  readonly outputDir: string;
  /** The job's state folder (`.hydra/`) and its files, rendered; null: no state folder. */
  readonly stateDir: string | null;
  readonly files: Readonly<Record<string, string>> | null;
  /** Open `stdout.log` and `stderr.log` for appending (false for a job that has no logs). */
  readonly logs: boolean;
}

/**
 * Makes a job's folder, writes its state folder whole (see `writeStateDir`) and opens its logs,
 * in that order, synchronously: a worker thread runs it in one go, off the launching thread.
 * Throws as the async steps do (a `RunDirError`, or the open's own error).
 */
export function prepareJobFilesSync(task: JobFilesTask): JobLogs | null {
  // The state folder's one recursive mkdir makes the job's folder too when `.hydra/` lies inside it.
  if (task.stateDir === null || task.files === null || !task.stateDir.startsWith(task.outputDir + sep)) mkdirSync(task.outputDir, { recursive: true });
  if (task.stateDir !== null && task.files !== null) writeStateDirSync(task.stateDir, task.files);
  return task.logs ? openJobLogsSync(task.outputDir) : null;
}
