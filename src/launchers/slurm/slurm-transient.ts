// What slurmctld says when it is busy or briefly unreachable; these pass with time.
const TRANSIENT = [
  /Socket timed out/i,
  /Resource temporarily unavailable/i,
  /slurmctld.*(busy|not responding)/i,
  /Slurm controller.*(busy|not responding)/i,
  /Unable to contact slurm controller/i,
  /Transport endpoint is not connected/i,
  /Connection refused/i,
  /Zero Bytes were transmitted or received/i,
  /Too many pending jobs|Job violates accounting\/QOS policy.*MaxSubmit/i,
  /try again/i,
];

/** True when a scheduler error message describes a passing condition worth a retry. */
export function isTransientSlurmError(stderr: string): boolean {
  return TRANSIENT.some((pattern) => pattern.test(stderr));
}

// sbatch, scancel and scontrol on a job that already left the queue; `scontrol update` of an
// array whose split-out tasks ended says so per task (the pending rest is still updated)
const NO_SUCH_JOB = /Invalid job id specified|Job has already finished/i;

/** True when a cancel or requeue failed only because the job is already gone. */
export function isNoSuchSlurmJob(text: string): boolean {
  return NO_SUCH_JOB.test(text);
}
