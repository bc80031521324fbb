import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectArtifacts } from '../../src/launchers/kaggle/collect-artifacts.js';
import { useTempDirs } from '../support/temp-dir.js';
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

describe('collectArtifacts', () => {
  const tempDir = useTempDirs();

  it('copies matches into the output root and copies again only what changed', async () => {
    const root = await tempDir();
    const job = join(root, 'logs/0');
    mkdirSync(join(job, 'preds'), { recursive: true });
    writeFileSync(join(job, 'submission.csv'), 'a\n');
    writeFileSync(join(job, 'preds/p.npy'), 'p\n');
    const copied = new Map<string, string>();
    const first = await collectArtifacts(['submission.csv', 'preds/*.npy', 'missing.txt'], [{ num: 0, status: 'completed', outputDir: job }], root, copied);
    expect(first).toEqual({
      collected: [
        { path: join(root, 'preds/p.npy'), from: join(job, 'preds/p.npy'), job: 0, shadowedJobs: [] },
        { path: join(root, 'submission.csv'), from: join(job, 'submission.csv'), job: 0, shadowedJobs: [] },
      ],
      unmatched: ['missing.txt'],
      errors: [],
    });
    expect(readFileSync(join(root, 'preds/p.npy'), 'utf8')).toBe('p\n');
    writeFileSync(join(root, 'submission.csv'), 'edited by hand\n');
    await collectArtifacts(['submission.csv'], [{ num: 0, status: 'completed', outputDir: job }], root, copied);
    expect(readFileSync(join(root, 'submission.csv'), 'utf8')).toBe('edited by hand\n'); // same source, not copied again
    writeFileSync(join(job, 'submission.csv'), 'b, longer\n');
    await collectArtifacts(['submission.csv'], [{ num: 0, status: 'completed', outputDir: job }], root, copied);
    expect(readFileSync(join(root, 'submission.csv'), 'utf8')).toBe('b, longer\n');
  });
});
