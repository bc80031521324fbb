import type { JobStatus } from '../../job/job-outcome.js';

/** A file inside a job's output folder that matched one of the `collect` patterns. */
export interface ArtifactCandidate {
  readonly jobNum: number;
  readonly status: JobStatus;
  /** Path relative to the job's output folder, `/`-separated; also where it lands under the output root. */
  readonly relPath: string;
  readonly sourcePath: string;
}

/** One file to copy into the output root, and the jobs whose same-named file lost to it. */
export interface ArtifactCopy {
  readonly relPath: string;
  readonly sourcePath: string;
  readonly jobNum: number;
  readonly shadowedJobs: readonly number[];
}

/**
 * Picks one source per destination: a completed job's file wins over the file of a job
 * that did not complete (a half-written submission from a stopped job must not replace a
 * good one), then the later job wins (a pipeline's last step is the one that submits). Pure.
 */
export function planArtifactCopies(candidates: readonly ArtifactCandidate[]): ArtifactCopy[] {
  const byPath = new Map<string, ArtifactCandidate[]>();
  for (const candidate of candidates) byPath.set(candidate.relPath, [...(byPath.get(candidate.relPath) ?? []), candidate]);
  return [...byPath.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([relPath, group]) => {
      const ranked = [...group].sort((a, b) => rank(b) - rank(a) || b.jobNum - a.jobNum);
      const winner = ranked[0] as ArtifactCandidate;
      return { relPath, sourcePath: winner.sourcePath, jobNum: winner.jobNum, shadowedJobs: ranked.slice(1).map((c) => c.jobNum) };
    });
}

function rank(candidate: ArtifactCandidate): number {
  return candidate.status === 'completed' ? 1 : 0;
}
