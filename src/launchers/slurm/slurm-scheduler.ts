import { join } from 'node:path';
import type { SchedulerBackend, StateSource } from '../../scheduler/scheduler-backend.js';
import { cleanSlurmEnv } from './clean-slurm-env.js';
import { parseSacctRows, SACCT_FORMAT } from './parse-sacct-rows.js';
import { parseMaxArraySize } from './parse-max-array-size.js';
import { parseSqueueRows, SQUEUE_FIELDS } from './parse-squeue-rows.js';
import { renderSbatchScript } from './render-sbatch-script.js';
import { sbatchFlags, slurmRequestFields } from './sbatch-flags.js';
import type { SlurmLauncherConfig } from './slurm-config.js';
import { SLURM_IDENTITY } from './slurm-errors.js';
import { formatTaskList } from './slurm-job-id.js';
import { classifySlurmState } from './slurm-state.js';
import { isNoSuchSlurmJob, isTransientSlurmError } from './slurm-transient.js';

const ACCOUNTING_OFF = /accounting storage is disabled/i;
// sacct may print these and still exit 0 with no rows: an answer nobody can trust
const SACCT_BROKEN = /Problem talking to the database|Connection refused|persistent connection/i;

/** Accounting: one sacct call for every array of the launch; knows exit codes and restarts, long after the controller forgot them. */
const sacct: StateSource = {
  name: 'sacct',
  async query(tasks, call) {
    const ids = [...new Set(tasks.map((t) => t.arrayJobId))];
    // never retried, even when asked alone: slurmdbd down costs 12-15 s of backoff per poll, and the next poll asks again
    const text = await call(['sacct', '-n', '-P', '-X', '-D', `--format=${SACCT_FORMAT}`, `--jobs=${ids.join(',')}`], { retry: false });
    // older sacct prints the notice on stdout and exits 0
    if (ACCOUNTING_OFF.test(text) || SACCT_BROKEN.test(text)) throw new Error(text);
    return parseSacctRows(text);
  },
  isDisabled: (text) => ACCOUNTING_OFF.test(text),
};

/**
 * The controller: one `squeue -t all` call for every array of the launch. It holds finished tasks
 * too (until MinJobAge) with their exit status and restart count, and knows an end the moment it
 * happens, where sacct lags by up to seconds; tasks it no longer holds go on to sacct.
 */
const squeue: StateSource = {
  name: 'squeue',
  async query(tasks, call) {
    const ids = [...new Set(tasks.map((t) => t.arrayJobId))];
    return parseSqueueRows(await call(['squeue', '-h', '-r', '-t', 'all', `--jobs=${ids.join(',')}`, '-O', SQUEUE_FIELDS], { tolerate: isNoSuchSlurmJob }));
  },
};

/** SLURM as a backend of the scheduler core: sbatch scripts, sacct/squeue/scontrol, scancel. */
export const slurmScheduler: SchedulerBackend<SlurmLauncherConfig> = {
  name: 'slurm',
  ...SLURM_IDENTITY,
  scriptSuffix: '.sbatch',
  lostRecordHint: 'raise MinJobAge or turn accounting on',
  // SLURM's documented default when MaxArraySize is not set
  defaultMaxArraySize: 1001,
  renderArrayScript: (input, config) =>
    renderSbatchScript({
      launchId: input.launchId,
      folder: input.folder,
      flags: sbatchFlags(config, { jobName: input.jobName, timeMin: input.timeMin }),
      array: { offset: input.offset, count: input.count, parallelism: input.parallelism },
      stderrToStdout: config.stderr_to_stdout,
      setup: config.setup ?? [],
      useSrun: config.use_srun,
      srunArgs: config.srun_args ?? [],
      signal: config.signal,
      signalDelayS: config.signal_delay_s,
      maxNumTimeout: config.max_num_timeout,
    }),
  logFiles: (folder, id, task) => ({ stdout: join(folder, `${id}_${task}.out`), stderr: join(folder, `${id}_${task}.err`) }),
  jobEnv: (config) => ({ SPECTRAMIND_SLURM_SIGNAL: config.signal }),
  commandEnv: cleanSlurmEnv,
  isTransient: isTransientSlurmError,
  isNoSuchJob: isNoSuchSlurmJob,
  submitArgv: (script, { hold, after }) => ['sbatch', '--parsable', ...(hold ? ['--hold'] : []), ...(after === null ? [] : [`--dependency=afterany:${after}`]), script],
  parseJobId: (stdout) => /^(\d+)/.exec(stdout.trim())?.[1] ?? null,
  probeArgv: (script) => ['sbatch', '--test-only', script],
  requestFields: slurmRequestFields,
  // reasons slurmctld gives for a job it can never start as asked (squeue %r)
  isHopelessReason: (reason) => /^(BadConstraints|PartitionConfig|PartitionNodeLimit|PartitionTimeLimit|ReqNodeNotAvail|InvalidQOS|InvalidAccount|QOSMax\w*PerJob\w*|AssocMax\w*PerJob\w*|Nodes_required_for_job_are_DOWN)/.test(reason),
  mapState: classifySlurmState,
  // the controller first: it sees an end at once; accounting answers for tasks it has forgotten
  stateSources: [squeue, sacct],
  cancelArgv: (ids) => ['scancel', ...ids],
  releaseArgv: (ids) => ['scontrol', 'release', ids.join(',')],
  throttleArgv: (id, cap) => ['scontrol', 'update', `JobId=${id}`, `ArrayTaskThrottle=${cap}`],
  // lowering a held task's limit is allowed to every user (raising needs an operator); slurmctld
  // splits the updated tasks out of the array record, and the array's throttle still counts them
  taskTimeLimitArgv: (id, tasks, timeMin) => ['scontrol', 'update', `JobId=${id}_[${formatTaskList(tasks)}]`, `TimeLimit=${timeMin}`],
  requeueArgv: (ids) => ['scontrol', 'requeue', ids.join(',')],
  async maxArraySize(call) {
    return parseMaxArraySize(await call(['scontrol', 'show', 'config'])) ?? 1001;
  },
};
