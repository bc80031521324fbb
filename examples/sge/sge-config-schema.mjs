// @ts-check
// The sge launcher's JSON Schema (draft-07): createLauncher validates `hydra.launcher` against it
// and fills the defaults, exactly as for the built-in launchers.

const nullableString = { type: ['string', 'null'], minLength: 1, default: null };
const flagValues = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, default: {} };

export const sgeConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'sge launcher',
  description: 'Submits jobs to Son of Grid Engine (qsub family) as array jobs, followed with qstat and qacct.',
  type: 'object',
  additionalProperties: false,
  properties: {
    launcher: { const: 'sge' },
    _target_: { type: 'string' },
    submitit_folder: {
      description: 'Folder for the qsub scripts, the tasks\' output ($JOB_ID.$TASK_ID.out), job files and results. ${hydra.sweep.dir} / ${hydra.run.dir} become the launch folder.',
      type: 'string',
      minLength: 1,
      default: '${hydra.sweep.dir}/.sge',
    },
    timeout_min: { description: 'Time limit of each job in minutes (-l h_rt). A job\'s own timeout_min wins.', type: 'integer', minimum: 1, default: 60 },
    name: { description: 'Job name (-N); ${hydra.job.name} is the job\'s name.', type: 'string', minLength: 1, default: '${hydra.job.name}' },
    stderr_to_stdout: { description: 'Merge stderr into the .out file (-j y).', type: 'boolean', default: false },
    queue: { ...nullableString, description: 'Cluster queue (-q), e.g. all.q.' },
    project: { ...nullableString, description: 'Project (-P).' },
    parallel_environment: { ...nullableString, description: 'Parallel environment (-pe <name> <slots>).' },
    slots: { description: 'Slots requested with parallel_environment.', type: 'integer', minimum: 1, default: 1 },
    resources: { ...flagValues, description: 'Resource requests, one -l key=value each (e.g. h_vmem: 4G).' },
    additional_parameters: { ...flagValues, description: 'Other qsub options: -<key> <value> (true: a bare flag).' },
    setup: { description: 'Trusted shell lines run before each job.', type: ['array', 'null'], items: { type: 'string' }, default: null },
    max_num_timeout: { description: 'How often a job that reaches h_rt is requeued (after its checkpoint hook ran).', type: 'integer', minimum: 0, default: 0 },
    max_num_preemption: { description: 'How often a job that SGE reschedules is requeued by the launcher.', type: 'integer', minimum: 0, default: 3 },
    array_parallelism: { description: 'At most this many jobs of the launch run at once (-tc).', type: 'integer', minimum: 1, default: 256 },
    max_submit_per_s: { description: 'qsub calls per second at most.', type: 'number', exclusiveMinimum: 0, default: 5 },
    max_array_size: { description: 'Tasks per array; null asks the cluster (max_aj_tasks).', type: ['integer', 'null'], minimum: 1, default: null },
    poll_interval_s: { description: 'First poll interval (one qstat per poll).', type: 'number', exclusiveMinimum: 0, default: 1 },
    poll_max_interval_s: { description: 'Longest poll interval while nothing changes.', type: 'number', exclusiveMinimum: 0, default: 15 },
    dry_run: { description: 'Write every script, submit nothing.', type: 'boolean', default: false },
    env: { description: 'Variables added to every job.', type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, default: {} },
    fail_fast: { description: 'Stop after the first failure.', type: 'boolean', default: false },
    kill_grace_s: { description: 'Seconds between SIGTERM and SIGKILL for local work.', type: 'number', minimum: 0, default: 10 },
    max_log_mb: { description: 'Cap of each job log in MiB; null: none.', type: ['number', 'null'], exclusiveMinimum: 0, default: null },
  },
};
