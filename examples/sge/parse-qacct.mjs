// @ts-check
// Pure: `qacct -j <id>` -> the final record of each task. No file system, no processes.

/**
 * @typedef {object} QacctRecord
 * @property {string} jobId
 * @property {number} sgeTask 1-based; 1 for a job that is not an array
 * @property {number} failedCode qacct's `failed` number (0: the job ran to its own end)
 * @property {string | null} failedText what follows the number (`qmaster enforced h_rt, ...`)
 * @property {number | null} exitStatus
 * @property {number} attempt 1 for the first run, +1 for each earlier record of the same task (reruns)
 */

/**
 * Parses `qacct -j` output: one block per run of a task, separated by `====` lines. Each task
 * keeps its last block; `attempt` counts its blocks (a requeue leaves a `failed 25` block).
 * @param {string} text
 * @returns {QacctRecord[]}
 */
export function parseQacct(text) {
  /** @type {Map<string, QacctRecord>} */
  const byTask = new Map();
  for (const block of text.split(/^=+\s*$/m)) {
    /** @type {Record<string, string>} */
    const fields = {};
    for (const line of block.split('\n')) {
      const match = /^(\w+)\s+(.*)$/.exec(line.trim());
      if (match !== null) fields[match[1] ?? ''] = (match[2] ?? '').trim();
    }
    const jobId = fields['jobnumber'];
    if (jobId === undefined || fields['failed'] === undefined) continue;
    const taskText = fields['taskid'] ?? 'undefined';
    const sgeTask = /^\d+$/.test(taskText) ? Number(taskText) : 1;
    const failed = /^(\d+)\s*(?::\s*(.*))?$/.exec(fields['failed']);
    const exit = /^(-?\d+)/.exec(fields['exit_status'] ?? '');
    const key = `${jobId}.${sgeTask}`;
    const earlier = byTask.get(key);
    byTask.set(key, {
      jobId,
      sgeTask,
      failedCode: failed === null ? -1 : Number(failed[1]),
      failedText: failed === null ? fields['failed'] : (failed[2] ?? '').trim() || null,
      exitStatus: exit === null ? null : Number(exit[1]),
      attempt: earlier === undefined ? 1 : earlier.attempt + 1,
    });
  }
  return [...byTask.values()];
}

/**
 * The state name a finished run gets, from qacct's `failed` code and exit status: `DONE`,
 * `EXITED` (non-zero exit), `TIMEOUT` (37: h_rt and the other hard limits), `DELETED`
 * (100: killed by qdel), `RESCHEDULED` (25: requeued, another run follows), `FAILED` (the job
 * could not run: bad output folder, shell, prolog, ...).
 * @param {Pick<QacctRecord, 'failedCode' | 'exitStatus'>} record
 * @returns {string}
 */
export function qacctState(record) {
  switch (record.failedCode) {
    case 0:
      return record.exitStatus === 0 ? 'DONE' : 'EXITED';
    case 25:
      return 'RESCHEDULED';
    case 37:
      return 'TIMEOUT';
    case 100:
      return 'DELETED';
    default:
      return 'FAILED';
  }
}
