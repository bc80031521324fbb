// @ts-check
// SGE as a backend of spectramind-launch's scheduler core: the hooks only, no watcher of its own.
import { parseErrorReason, parseQstatXml } from './parse-qstat-xml.mjs';
import { parseQacct, qacctState } from './parse-qacct.mjs';
import { renderQsubScript } from './render-qsub-script.mjs';
import { classifySgeState } from './sge-state.mjs';

/**
 * @typedef {import('spectramind-launch').SchedulerBackend<SgeLauncherConfig>} SgeSchedulerBackend
 * @typedef {import('spectramind-launch').StateSource} StateSource
 * @typedef {import('spectramind-launch').SchedulerRecord} SchedulerRecord
 * @typedef {import('./sge-launcher.mjs').SgeLauncherConfig} SgeLauncherConfig
 */

/** `qdel`/`qmod`/`qacct` about a job SGE no longer knows. @param {string} text */
export function isNoSuchSgeJob(text) {
  return /does not exist|invalid job|job id \d+ not found|not found/i.test(text);
}

/** The qmaster is busy or briefly unreachable: worth a retry. @param {string} text */
export function isTransientSgeError(text) {
  return /unable to (contact|send message to) qmaster|commlib error|got no connection|failed receiving gdi request|can't connect to service|qmaster is busy/i.test(text);
}

/**
 * The core's task ids are 0-based (`<array>_<task>`); SGE's are 1-based (`<array>.<task>`).
 * A bare array id stays as it is.
 * @param {string} id
 */
export function toSgeId(id) {
  const match = /^(\d+)_(\d+)$/.exec(id);
  return match === null ? id : `${match[1]}.${Number(match[2]) + 1}`;
}

/**
 * Drops what an outer SGE job leaves in the environment (a launch started from inside a job
 * must not look like that job to qsub/qstat).
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, string>}
 */
export function cleanSgeEnv(env) {
  /** @type {Record<string, string>} */
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (/^(JOB_ID|JOB_NAME|JOB_SCRIPT|SGE_TASK_\w+|SGE_JOB_SPOOL_DIR|SGE_STDOUT_PATH|SGE_STDERR_PATH|SGE_STDIN_PATH|SGE_O_\w+|RESTARTED|NHOSTS|NSLOTS|NQUEUES|PE|PE_HOSTFILE|QUEUE|REQUEST|ENVIRONMENT|TMPDIR)$/.test(key)) continue;
    clean[key] = value;
  }
  return clean;
}

/**
 * One batched `qstat -xml` per poll for every live task; for arrays with tasks that left qstat,
 * one `qacct -j <array>` each (the final records). A task in an error state (`Eqw`) would wait
 * forever: it is reported failed with SGE's reason and deleted.
 * @type {StateSource}
 */
export const qstatThenQacct = {
  name: 'qstat',
  async query(tasks, call) {
    const wanted = new Set(tasks.map((t) => `${t.arrayJobId}.${t.task + 1}`));
    /** @type {SchedulerRecord[]} */
    const records = [];
    /** @type {Set<string>} */
    const seen = new Set();
    for (const row of parseQstatXml(await call(['qstat', '-xml']))) {
      const key = `${row.jobId}.${row.sgeTask}`;
      if (!wanted.has(key) || seen.has(key)) continue;
      seen.add(key);
      let reason = null;
      if (row.state.includes('E')) {
        reason = parseErrorReason(await call(['qstat', '-j', row.jobId], { tolerate: isNoSuchSgeJob })) ?? 'SGE put the task in an error state';
        await call(['qdel', key], { tolerate: isNoSuchSgeJob });
      }
      records.push({ arrayJobId: row.jobId, task: row.sgeTask - 1, state: row.state, kind: 'unknown', exitCode: null, signal: null, reason, attempt: null });
    }
    const gone = [...new Set(tasks.filter((t) => !seen.has(`${t.arrayJobId}.${t.task + 1}`)).map((t) => t.arrayJobId))];
    for (const id of gone) {
      const text = await call(['qacct', '-j', id], { tolerate: isNoSuchSgeJob });
      for (const run of parseQacct(text)) {
        const key = `${run.jobId}.${run.sgeTask}`;
        if (!wanted.has(key) || seen.has(key)) continue;
        const state = qacctState(run);
        const killed = run.failedCode !== 0 && run.exitStatus !== null && run.exitStatus > 128;
        records.push({
          arrayJobId: run.jobId,
          task: run.sgeTask - 1,
          state,
          kind: 'unknown',
          exitCode: run.exitStatus,
          signal: killed && run.exitStatus !== null ? run.exitStatus - 128 : null,
          reason: run.failedCode === 0 ? null : `failed ${run.failedCode}${run.failedText === null ? '' : `: ${run.failedText}`}`,
          attempt: run.attempt,
        });
      }
    }
    return records;
  },
};

/**
 * SGE's reason in a refused `qsub -w v`: the line that says why ("Unable to run job: Job 7
 * (-l arch=sparc) cannot run at host ..."), not its closing "Exiting.".
 * @param {string} output
 */
export function sgeProbeVerdict(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '' && line !== 'Exiting.');
  return lines.find((line) => /^Unable to run job:/.test(line)) ?? lines.find((line) => !/^verification:/.test(line)) ?? lines.at(-1) ?? output.trim();
}

/**
 * The fields a user changes when SGE refuses a request, with their values.
 * @param {SgeLauncherConfig} config
 */
export function sgeRequestFields(config) {
  const fields = Object.keys(config.resources)
    .sort()
    .map((key) => `hydra.launcher.resources.${key}=${String(config.resources[key])}`);
  if (config.queue !== null) fields.push(`hydra.launcher.queue=${config.queue}`);
  if (config.project !== null) fields.push(`hydra.launcher.project=${config.project}`);
  if (config.parallel_environment !== null) fields.push(`hydra.launcher.parallel_environment=${config.parallel_environment}`, `hydra.launcher.slots=${config.slots}`);
  return [...fields, `hydra.launcher.timeout_min=${config.timeout_min}`];
}

/** @type {SgeSchedulerBackend} */
export const sgeScheduler = {
  name: 'sge',
  label: 'SGE',
  commandHint: 'Check the cluster with `qstat -f` and `qhost`, and that SGE_ROOT and SGE_CELL are set.',
  installHint: 'Install the Grid Engine client (Debian: apt-get install gridengine-client) and set SGE_ROOT and SGE_CELL.',
  scriptSuffix: '.qsub',
  lostRecordHint: 'turn accounting on (qconf -mconf: reporting_params accounting=true)',
  // SGE's default max_aj_tasks
  defaultMaxArraySize: 75000,
  renderArrayScript: (input, config) =>
    renderQsubScript({
      launchId: input.launchId,
      folder: input.folder,
      jobName: input.jobName,
      array: { offset: input.offset, count: input.count, parallelism: input.parallelism },
      timeMin: input.timeMin,
      stderrToStdout: config.stderr_to_stdout,
      queue: config.queue,
      project: config.project,
      parallelEnvironment: config.parallel_environment,
      slots: config.slots,
      resources: config.resources,
      additionalParameters: config.additional_parameters,
      setup: config.setup ?? [],
      maxNumTimeout: config.max_num_timeout,
    }),
  logFiles: (folder, id, task) => ({ stdout: `${folder}/${id}.${task + 1}.out`, stderr: `${folder}/${id}.${task + 1}.err` }),
  // the job's checkpoint hook (onCheckpoint) listens for the signal -notify sends
  jobEnv: () => ({ SPECTRAMIND_SLURM_SIGNAL: 'USR2', SPECTRAMIND_SCHEDULER: 'sge' }),
  commandEnv: cleanSgeEnv,
  isTransient: isTransientSgeError,
  isNoSuchJob: isNoSuchSgeJob,
  submitArgv: (script, { hold, after }) => ['qsub', '-terse', ...(hold ? ['-h'] : []), ...(after === null ? [] : ['-hold_jid', after]), script],
  // `-terse` prints `6` or, for an array, `6.1-10:1`
  parseJobId: (stdout) => /^(\d+)(?:\.|\s|$)/.exec(stdout.trim())?.[1] ?? null,
  // `qsub -w v` asks the scheduler whether any queue could ever run the script as asked, and submits
  // nothing: SGE itself accepts a held job no queue can run and leaves it waiting forever
  probeArgv: (script) => ['qsub', '-w', 'v', script],
  probeVerdict: sgeProbeVerdict,
  requestFields: sgeRequestFields,
  mapState: classifySgeState,
  stateSources: [qstatThenQacct],
  cancelArgv: (ids) => ['qdel', ...ids.map(toSgeId)],
  releaseArgv: (ids) => ['qrls', ...ids.map(toSgeId)],
  requeueArgv: (ids) => ['qmod', '-rj', ...ids.map(toSgeId)],
  // `qalter -tc` changes a (held or running) array's task concurrency, so split arrays share
  // array_parallelism side by side. No taskTimeLimitArgv: `qalter -l h_rt=... <job>.<task>` is
  // refused ("the selected option works only on jobs and not on tasks"), so each limit keeps its own array.
  throttleArgv: (id, cap) => ['qalter', '-tc', String(cap), id],
  async maxArraySize(call) {
    const match = /^max_aj_tasks\s+(\d+)/m.exec(await call(['qconf', '-sconf']));
    return match === null ? 75000 : Number(match[1]);
  },
};
