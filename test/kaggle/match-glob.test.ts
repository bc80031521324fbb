import { describe, expect, it } from 'vitest';
import { matchGlob } from '../../src/launchers/kaggle/match-glob.js';

describe('matchGlob', () => {
  const cases: [pattern: string, path: string, matches: boolean][] = [
    ['submission.csv', 'submission.csv', true],
    ['submission.csv', 'sub/submission.csv', false],
    ['*.csv', 'submission.csv', true],
    ['*.csv', 'preds/submission.csv', false],
    ['**/*.csv', 'submission.csv', true],
    ['**/*.csv', 'a/b/submission.csv', true],
    ['preds/*.npy', 'preds/p0.npy', true],
    ['preds/*.npy', 'preds/x/p0.npy', false],
    ['model-?.ckpt', 'model-3.ckpt', true],
    ['model-?.ckpt', 'model-12.ckpt', false],
    ['**', 'a/b/c.txt', true],
    ['*', '.hydra', false],
    ['**/*.yaml', '.hydra/config.yaml', false],
    ['.hydra/*.yaml', '.hydra/config.yaml', true],
    ['a+b(1).csv', 'a+b(1).csv', true],
    ['a.csv', 'abcsv', false],
    ['./submission.csv', 'submission.csv', true],
  ];
  it.each(cases)('matches %s against %s: %s', (pattern, path, matches) => {
    expect(matchGlob(pattern, path)).toBe(matches);
  });
});
