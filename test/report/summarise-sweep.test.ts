import { describe, expect, it } from 'vitest';
import type { ReportJob } from '../../src/report/report-model.js';
import { summariseSweep } from '../../src/report/summarise-sweep.js';

function job(num: number, overrides: string[], results: ReportJob['results'], status: ReportJob['status'] = 'completed'): ReportJob {
  return { num, id: String(num), name: 'x', overrides, outputDir: '/', status, exitCode: 0, durationMs: 1, attempts: 1, message: null, segments: [], place: null, schedulerId: null, results, logPath: null, stderrTail: null };
}

describe('summarising a sweep for the report', () => {
  it('takes the keys whose values differ as swept, and drops result fields that only repeat them', () => {
    const summary = summariseSweep([
      job(0, ['model.lr=0.1', 'seed=1', 'data=cifar'], { lr: 0.1, loss: 0.3, epochs: 5 }),
      job(1, ['model.lr=0.2', 'seed=1', 'data=cifar'], { lr: 0.2, loss: 0.2, epochs: 5 }),
    ]);
    expect(summary.sweptKeys).toEqual(['model.lr']);
    expect(summary.resultKeys).toEqual(['loss', 'epochs']);
    // epochs never changes: no plot for it
    expect(summary.numericResultKeys).toEqual(['loss']);
  });

  it('minimises a loss and maximises an accuracy, ignoring jobs that did not complete', () => {
    const jobs = [job(0, ['a=1'], { acc: 0.7 }), job(1, ['a=2'], { acc: 0.9 }), job(2, ['a=3'], { acc: 0.99 }, 'failed')];
    expect(summariseSweep(jobs)).toMatchObject({ metric: { name: 'acc', goal: 'max' }, bestNum: 1 });
    const losses = [job(0, ['a=1'], { val_loss: 2, acc: 0.1 }), job(1, ['a=2'], { val_loss: 1, acc: 0.2 })];
    expect(summariseSweep(losses)).toMatchObject({ metric: { name: 'val_loss', goal: 'min' }, bestNum: 1 });
  });

  it('uses the metric it is given, and has no best job when nothing reported a number', () => {
    const jobs = [job(0, ['a=1'], { loss: 1, acc: 0.2 }), job(1, ['a=2'], { loss: 2, acc: 0.1 })];
    expect(summariseSweep(jobs, { name: 'loss', goal: 'max' }).bestNum).toBe(1);
    expect(summariseSweep([job(0, ['a=1'], { note: 'x' })])).toMatchObject({ metric: null, bestNum: null, sweptKeys: ['a'] });
  });
});
