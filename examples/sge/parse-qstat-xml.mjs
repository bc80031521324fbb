// @ts-check
// Pure: `qstat -xml` -> one row per array task. No file system, no processes.

/**
 * @typedef {object} QstatTask
 * @property {string} jobId
 * @property {number} sgeTask SGE's task id (1-based); 1 for a job that is not an array
 * @property {string} state SGE's state letters as printed (`qw`, `hqw`, `r`, `Rr`, `Eqw`, ...)
 */

const JOB_LIST = /<job_list\b[^>]*>([\s\S]*?)<\/job_list>/g;

/** @param {string} block @param {string} tag */
function field(block, tag) {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(block);
  return match === null ? null : (match[1] ?? '').trim();
}

/**
 * Expands SGE's task list (`7`, `1-10:1`, `2-10:2`, `1,3,5-6:1`) into task ids.
 * @param {string} text
 * @returns {number[]}
 */
export function expandTaskList(text) {
  /** @type {number[]} */
  const ids = [];
  for (const part of text.split(',')) {
    const match = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part.trim());
    if (match === null) continue;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    const step = match[3] === undefined ? 1 : Math.max(1, Number(match[3]));
    for (let id = first; id <= last; id += step) ids.push(id);
  }
  return ids;
}

/**
 * Parses `qstat -xml`: running tasks are listed one by one, pending ones as ranges (expanded
 * here). A job that is not an array has no `<tasks>` and counts as task 1.
 * @param {string} xml
 * @returns {QstatTask[]}
 */
export function parseQstatXml(xml) {
  /** @type {QstatTask[]} */
  const rows = [];
  for (const match of xml.matchAll(JOB_LIST)) {
    const block = match[1] ?? '';
    const jobId = field(block, 'JB_job_number');
    const state = field(block, 'state');
    if (jobId === null || state === null) continue;
    const tasks = field(block, 'tasks');
    for (const sgeTask of tasks === null || tasks === '' ? [1] : expandTaskList(tasks)) rows.push({ jobId, sgeTask, state });
  }
  return rows;
}

/**
 * The `error reason` lines of `qstat -j <id>` (why a task sits in `Eqw`), joined; null when none.
 * @param {string} text
 * @returns {string | null}
 */
export function parseErrorReason(text) {
  const reasons = [...text.matchAll(/^error reason\s+\d*:?\s*(.*)$/gm)].map((m) => (m[1] ?? '').trim()).filter((r) => r !== '');
  return reasons.length === 0 ? null : reasons.join('; ');
}
