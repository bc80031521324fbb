import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchFromConfig } from '../../src/index.js';
import { jobScript, useTempDirs } from '../support/temp-dir.js';
import { startFakeMlflow, type FakeMlflow } from './support/mlflow-server.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'callbacks');

/** A config folder whose hydra.callbacks names the example callbacks by a path relative to it. */
async function configFolder(root: string, callbacks: string): Promise<string> {
  const configDir = join(root, 'configs');
  await mkdir(configDir, { recursive: true });
  await writeFile(join(configDir, 'config.yaml'), `lr: 0.1\nhydra:\n  callbacks:\n${callbacks}`);
  return configDir;
}

/** Each job: the train-module fixture (returns { loss }); lr=0.8 writes a metrics.json and fails instead. */
const job = (config: Record<string, unknown>) =>
  Number(config.lr) === 0.8
    ? { command: [process.execPath, '-e', "require('fs').writeFileSync(process.env.SPECTRAMIND_RUN_DIR + '/metrics.json', JSON.stringify({ loss: 9.5, epoch: 3 })); process.exit(2)"] }
    : { module: jobScript('train-module.mjs') };

describe('the example callbacks, loaded from YAML', () => {
  const tempDir = useTempDirs();
  let mlflow: FakeMlflow | null = null;
  afterEach(async () => {
    await mlflow?.close();
    mlflow = null;
  });

  it('logs every job of a sweep to MLflow through its REST API 2.0, each request in the documented shape', async () => {
    mlflow = await startFakeMlflow();
    const root = await tempDir();
    const configDir = await configFolder(root, `    mlflow:\n      _target_: ./${relative(join(root, 'configs'), join(EXAMPLES, 'mlflow-callback.mjs'))}#MlflowCallback\n      tracking_uri: ${mlflow.url}\n      experiment_name: lr-sweep\n      _on_error_: fail\n`);
    const result = await launchFromConfig({ configDir, overrides: ['lr=0.1,0.2,0.8', 'hydra/launcher=local', `hydra.sweep.dir=${join(root, 'sweep')}`], multirun: true, job });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'failed']);
    expect(mlflow.violations).toEqual([]);
    expect(mlflow.requests[0]).toBe('GET experiments/get-by-name');
    expect(mlflow.requests[1]).toBe('POST experiments/create');
    expect(mlflow.experiments.get('lr-sweep')).toBe('1');
    const runs = [...mlflow.runs.values()].sort((a, b) => Number(a.tags.get('spectramind.job_num')) - Number(b.tags.get('spectramind.job_num')));
    expect(runs.map((r) => r.status)).toEqual(['FINISHED', 'FINISHED', 'FAILED']);
    expect(runs.map((r) => r.params.get('lr'))).toEqual(['0.1', '0.2', '0.8']);
    // the module's return value for the completed jobs, metrics.json for the failed one
    expect(runs[0]?.metrics.get('loss')).toBeCloseTo(1 / 1.1);
    expect(runs[2]?.metrics.get('loss')).toBe(9.5);
    expect(runs[2]?.metrics.get('epoch')).toBe(3);
    for (const run of runs) {
      expect(run.experimentId).toBe('1');
      expect(run.endTime).toBeGreaterThanOrEqual(run.startTime ?? Infinity);
      expect(run.tags.get('spectramind.launch_id')).toBe(result.launchId);
    }
    expect(mlflow.requests.filter((r) => r === 'POST runs/update')).toHaveLength(3);

    // A second sweep into the same experiment finds it by name instead of creating it again.
    const again = await launchFromConfig({ configDir, overrides: ['lr=0.3', 'hydra/launcher=basic', `hydra.sweep.dir=${join(root, 'sweep2')}`], multirun: true, job });
    expect(again.ok).toBe(true);
    expect(mlflow.requests.filter((r) => r === 'POST experiments/create')).toHaveLength(1);
    expect(mlflow.runs.size).toBe(4);
    expect(mlflow.violations).toEqual([]);
  });

  it('makes no request at all when the config says enabled: false', async () => {
    mlflow = await startFakeMlflow();
    const root = await tempDir();
    const configDir = await configFolder(root, `    mlflow:\n      _target_: ${join(EXAMPLES, 'mlflow-callback.mjs')}#MlflowCallback\n      tracking_uri: ${mlflow.url}\n      enabled: true\n`);
    const result = await launchFromConfig({ configDir, overrides: ['lr=0.1,0.2', 'hydra.callbacks.mlflow.enabled=false', `hydra.sweep.dir=${join(root, 'sweep')}`], multirun: true, job });
    expect(result.ok).toBe(true);
    expect(mlflow.requests).toEqual([]);
  });

  it('reports an unreachable tracking server without failing the sweep (the default _on_error_: warn)', async () => {
    const root = await tempDir();
    const configDir = await configFolder(root, `    mlflow:\n      _target_: ${join(EXAMPLES, 'mlflow-callback.mjs')}#MlflowCallback\n      tracking_uri: http://127.0.0.1:9\n      _timeout_s_: 5\n`);
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const result = await launchFromConfig({ configDir, overrides: ['lr=0.1', `hydra.run.dir=${join(root, 'run')}`], job });
      expect(result.ok).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(warnings.some((w) => /Callback "mlflow" threw in on_run_start/.test(w.message))).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('writes one CSV row per job, or JSONL lines as jobs end, and nothing when disabled', async () => {
    const root = await tempDir();
    const sink = (name: string, path: string, enabled = true) => `    ${name}:\n      _target_: ${join(EXAMPLES, 'results-sink.mjs')}#ResultsSink\n      path: ${path}\n      enabled: ${enabled}\n`;
    const configDir = await configFolder(root, sink('csv', 'results.csv') + sink('jsonl', 'out/results.jsonl') + sink('off', 'never.csv', false));
    const sweep = join(root, 'sweep');
    const result = await launchFromConfig({ configDir, overrides: ['lr=0.1,0.8', `hydra.sweep.dir=${sweep}`], multirun: true, job });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed']);
    const csv = readFileSync(join(sweep, 'results.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('num,status,duration_s,lr,loss,outputDir,epoch');
    expect(csv[1]).toMatch(/^0,completed,[\d.]+,0\.1,0\.909/);
    expect(csv[2]).toMatch(/^1,failed,[\d.]+,0\.8,9\.5,,3$/);
    const lines = readFileSync(join(sweep, 'out', 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.num, l.status, l.lr])).toEqual(expect.arrayContaining([[0, 'completed', '0.1'], [1, 'failed', '0.8']]));
    expect(() => readFileSync(join(sweep, 'never.csv'))).toThrow(/ENOENT/);
  });
});
