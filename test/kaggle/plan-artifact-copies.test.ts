import { describe, expect, it } from 'vitest';
import { planArtifactCopies, type ArtifactCandidate } from '../../src/launchers/kaggle/plan-artifact-copies.js';

const candidate = (jobNum: number, status: ArtifactCandidate['status'], relPath = 'submission.csv'): ArtifactCandidate => ({ jobNum, status, relPath, sourcePath: `/runs/${jobNum}/${relPath}` });

describe('planArtifactCopies', () => {
  it('takes a lone file as it is', () => {
    expect(planArtifactCopies([candidate(0, 'completed')])).toEqual([{ relPath: 'submission.csv', sourcePath: '/runs/0/submission.csv', jobNum: 0, shadowedJobs: [] }]);
  });

  it('lets the later completed job win a name clash', () => {
    expect(planArtifactCopies([candidate(0, 'completed'), candidate(2, 'completed'), candidate(1, 'completed')])[0]).toMatchObject({ jobNum: 2, shadowedJobs: [1, 0] });
  });

  it('never lets a stopped job replace a completed job file', () => {
    expect(planArtifactCopies([candidate(0, 'completed'), candidate(1, 'timed-out'), candidate(2, 'failed')])[0]).toMatchObject({ jobNum: 0, shadowedJobs: [2, 1] });
  });

  it('still collects a stopped job file when no job completed one', () => {
    expect(planArtifactCopies([candidate(3, 'timed-out')])[0]).toMatchObject({ jobNum: 3, sourcePath: '/runs/3/submission.csv' });
  });

  it('keeps different names apart, sorted by path', () => {
    const plan = planArtifactCopies([candidate(1, 'completed', 'b.csv'), candidate(0, 'completed', 'a/x.npy')]);
    expect(plan.map((c) => c.relPath)).toEqual(['a/x.npy', 'b.csv']);
  });
});
