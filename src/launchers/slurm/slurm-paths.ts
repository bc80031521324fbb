import { join } from 'node:path';

/** Every file the slurm launcher keeps in the submitit folder, computed in one place. */
export interface SlurmPaths {
  readonly folder: string;
  /** The launch descriptor that `attachSlurmLaunch` reads. */
  readonly launchFile: string;
  /** `%A_%a` patterns for sbatch. */
  readonly stdoutPattern: string;
  readonly stderrPattern: string;
  script(arrayIndex: number): string;
  jobDir(num: number): string;
  jobScript(num: number): string;
  jobDescriptor(num: number): string;
  result(num: number): string;
  attempts(num: number): string;
  timeouts(num: number): string;
  stdout(arrayJobId: string, task: number): string;
  stderr(arrayJobId: string, task: number): string;
}

/** Computes the paths of a launch's submitit folder (pure: string joins only). */
export function slurmPaths(folder: string): SlurmPaths {
  const jobDir = (num: number) => join(folder, 'jobs', String(num));
  return {
    folder,
    launchFile: join(folder, 'launch.json'),
    stdoutPattern: join(folder, '%A_%a.out'),
    stderrPattern: join(folder, '%A_%a.err'),
    script: (i) => join(folder, `array-${i}.sbatch`),
    jobDir,
    jobScript: (num) => join(jobDir(num), 'job.sh'),
    jobDescriptor: (num) => join(jobDir(num), 'job.json'),
    result: (num) => join(jobDir(num), 'result.json'),
    attempts: (num) => join(jobDir(num), 'attempts'),
    timeouts: (num) => join(jobDir(num), 'timeouts'),
    stdout: (id, task) => join(folder, `${id}_${task}.out`),
    stderr: (id, task) => join(folder, `${id}_${task}.err`),
  };
}
