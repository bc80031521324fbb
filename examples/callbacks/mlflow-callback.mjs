// An MLflow callback for spectramind-launch: one MLflow run per job, through MLflow's REST API 2.0.
//
//   hydra:
//     callbacks:
//       mlflow:
//         _target_: ./callbacks/mlflow-callback.mjs#MlflowCallback
//         tracking_uri: http://127.0.0.1:5000     # or MLFLOW_TRACKING_URI
//         experiment_name: my-sweep
//         enabled: true                           # false: no request is made
//
// Requests: experiments/get-by-name (or experiments/create) once per launch, then per job
// runs/create, runs/log-batch (the job's overrides as params, its numeric results as metrics,
// launch facts as tags) and runs/update with the final status. Credentials come from
// MLFLOW_TRACKING_TOKEN (Bearer) or MLFLOW_TRACKING_USERNAME/PASSWORD (Basic), never from the config.
import { overridePairs, resultFields } from './job-results.mjs';

const API = '/api/2.0/mlflow';
// MLflow's log-batch limits: 1000 metrics, 100 params, 100 tags, 1000 entries in all per request;
// batches of 100 params and 100 metrics stay inside them.
const MAX_PARAMS = 100;
const STATUS = { completed: 'FINISHED', failed: 'FAILED', 'timed-out': 'FAILED', cancelled: 'KILLED', skipped: 'KILLED' };

export class MlflowCallback {
  constructor({ tracking_uri = process.env.MLFLOW_TRACKING_URI, experiment_name = 'spectramind', enabled = true, run_name_prefix = '' } = {}) {
    this.name = 'mlflow';
    this.enabled = enabled !== false && enabled !== 'false';
    if (this.enabled && (typeof tracking_uri !== 'string' || !/^https?:\/\//.test(tracking_uri))) {
      throw new Error(`tracking_uri must be an http(s) URL (or set MLFLOW_TRACKING_URI), got ${JSON.stringify(tracking_uri)}`);
    }
    this.base = this.enabled ? tracking_uri.replace(/\/+$/, '') : '';
    this.experimentName = String(experiment_name);
    this.prefix = String(run_name_prefix);
    this.experimentId = null;
    this.runs = new Map();
  }

  async on_run_start(payload) {
    await this.#experiment(payload.signal);
  }

  async on_multirun_start(payload) {
    await this.#experiment(payload.signal);
  }

  async on_job_start(payload) {
    if (!this.enabled || this.runs.has(payload.job.num)) return;
    await this.#createRun(payload, Date.parse(payload.time));
  }

  async on_job_end(payload) {
    if (!this.enabled || payload.outcome.status === 'detached') return;
    const { signal } = payload;
    const end = Date.parse(payload.time);
    // A job seen only at its end (skipped, or a scheduler job that ran between two polls) gets its run now.
    const runId = this.runs.get(payload.job.num) ?? (await this.#createRun(payload, end - payload.durationMs));
    const params = overridePairs(payload.job.overrides).map(([key, value]) => ({ key, value: String(value).slice(0, 6000) }));
    const fields = await resultFields(payload);
    const metrics = Object.entries(fields)
      .filter(([, value]) => typeof value === 'number' && Number.isFinite(value))
      .map(([key, value]) => ({ key, value, timestamp: end, step: 0 }));
    metrics.push({ key: 'duration_s', value: payload.durationMs / 1000, timestamp: end, step: 0 });
    const tags = [
      { key: 'spectramind.status', value: payload.outcome.status },
      { key: 'spectramind.attempts', value: String(payload.attempts) },
    ];
    for (let i = 0; i < Math.max(params.length, metrics.length, 1); i += MAX_PARAMS) {
      const batch = { run_id: runId, params: params.slice(i, i + MAX_PARAMS), metrics: metrics.slice(i, i + MAX_PARAMS), tags: i === 0 ? tags : [] };
      if (batch.params.length + batch.metrics.length + batch.tags.length > 0) await this.#post('runs/log-batch', batch, signal);
    }
    await this.#post('runs/update', { run_id: runId, status: STATUS[payload.outcome.status] ?? 'FAILED', end_time: end }, signal);
  }

  async #experiment(signal) {
    if (!this.enabled || this.experimentId !== null) return;
    const found = await this.#request('GET', `experiments/get-by-name?experiment_name=${encodeURIComponent(this.experimentName)}`, undefined, signal, [404]);
    if (found.status !== 404) {
      this.experimentId = found.body.experiment.experiment_id;
      return;
    }
    this.experimentId = (await this.#post('experiments/create', { name: this.experimentName }, signal)).experiment_id;
  }

  async #createRun(payload, startTime) {
    await this.#experiment(payload.signal);
    const tags = [
      { key: 'spectramind.launch_id', value: payload.launch.launchId },
      { key: 'spectramind.launcher', value: payload.launch.launcher },
      { key: 'spectramind.job_num', value: String(payload.job.num) },
      { key: 'spectramind.output_dir', value: payload.outputDir },
    ];
    const body = { experiment_id: this.experimentId, run_name: `${this.prefix}${payload.job.name}#${payload.job.num}`, start_time: Math.round(startTime), tags };
    const runId = (await this.#post('runs/create', body, payload.signal)).run.info.run_id;
    this.runs.set(payload.job.num, runId);
    return runId;
  }

  async #post(endpoint, body, signal) {
    return (await this.#request('POST', endpoint, body, signal)).body;
  }

  async #request(method, endpoint, body, signal, allowed = []) {
    const headers = { accept: 'application/json', ...authHeader() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await globalThis.fetch(`${this.base}${API}/${endpoint}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    const text = await response.text();
    const parsed = text === '' ? {} : JSON.parse(text);
    if (!response.ok && !allowed.includes(response.status)) {
      throw new Error(`MLflow ${method} ${endpoint} answered ${response.status} ${parsed.error_code ?? ''}: ${parsed.message ?? text}`.trim());
    }
    return { status: response.status, body: parsed };
  }
}

function authHeader() {
  const token = process.env.MLFLOW_TRACKING_TOKEN;
  if (token) return { authorization: `Bearer ${token}` };
  const user = process.env.MLFLOW_TRACKING_USERNAME;
  if (user) return { authorization: `Basic ${Buffer.from(`${user}:${process.env.MLFLOW_TRACKING_PASSWORD ?? ''}`).toString('base64')}` };
  return {};
}
