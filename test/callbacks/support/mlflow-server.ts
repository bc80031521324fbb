import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Request shapes from MLflow's REST API 2.0 reference (mlflow.org/docs/latest/rest-api.html):
// field -> what it must be. Unknown fields are violations too, so a misspelt field is caught.
type Check = (value: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const int64: Check = (v) => typeof v === 'number' && Number.isInteger(v);
const double: Check = (v) => typeof v === 'number';
const keyValues: Check = (v) => Array.isArray(v) && v.every((t) => isShape(t, { key: str, value: str }, ['key', 'value']));
const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

const SHAPES: Record<string, { fields: Record<string, Check>; required: string[] }> = {
  'experiments/create': { fields: { name: str, artifact_location: str, tags: keyValues }, required: ['name'] },
  'runs/create': { fields: { experiment_id: str, user_id: str, run_name: str, start_time: int64, tags: keyValues }, required: ['experiment_id'] },
  'runs/log-batch': {
    fields: {
      run_id: str,
      metrics: (v) => Array.isArray(v) && v.length <= 1000 && v.every((m) => isShape(m, { key: str, value: double, timestamp: int64, step: int64 }, ['key', 'value', 'timestamp'])),
      params: (v) => Array.isArray(v) && v.length <= 100 && v.every((p) => isShape(p, { key: str, value: str }, ['key', 'value']) && (p as { value: string }).value.length <= 6000),
      tags: (v) => keyValues(v) && (v as unknown[]).length <= 100,
    },
    required: ['run_id'],
  },
  'runs/update': { fields: { run_id: str, run_uuid: str, status: (v) => typeof v === 'string' && RUN_STATUSES.includes(v), end_time: int64, run_name: str }, required: ['run_id'] },
};

function isShape(value: unknown, fields: Record<string, Check>, required: string[]): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return required.every((k) => k in record) && Object.entries(record).every(([k, v]) => fields[k]?.(v) === true);
}

/** What the fake tracking server holds: experiments and runs as MLflow would after those requests. */
export interface FakeMlflowRun {
  experimentId: string;
  runName: string | null;
  status: string;
  startTime: number | null;
  endTime: number | null;
  params: Map<string, string>;
  metrics: Map<string, number>;
  tags: Map<string, string>;
}

export interface FakeMlflow {
  readonly url: string;
  readonly requests: string[];
  /** Requests that broke a documented shape (the test expects none). */
  readonly violations: string[];
  readonly experiments: Map<string, string>;
  readonly runs: Map<string, FakeMlflowRun>;
  close(): Promise<void>;
}

/** A tracking server on 127.0.0.1 that checks each request against MLflow's documented shapes and answers as MLflow does. */
export async function startFakeMlflow(): Promise<FakeMlflow> {
  const requests: string[] = [];
  const violations: string[] = [];
  const experiments = new Map<string, string>();
  const runs = new Map<string, FakeMlflowRun>();
  const reply = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, what: string, status = 400, code = 'INVALID_PARAMETER_VALUE') => {
    violations.push(what);
    reply(res, status, { error_code: code, message: what });
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const endpoint = url.pathname.replace(/^\/api\/2\.0\/mlflow\//, '');
    requests.push(`${req.method} ${endpoint}`);
    if (!url.pathname.startsWith('/api/2.0/mlflow/')) return fail(res, `not an MLflow 2.0 path: ${url.pathname}`, 404, 'ENDPOINT_NOT_FOUND');
    if (req.method === 'GET' && endpoint === 'experiments/get-by-name') {
      const name = url.searchParams.get('experiment_name');
      if (name === null) return fail(res, 'get-by-name without experiment_name');
      const id = experiments.get(name);
      return id === undefined ? reply(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `No experiment named ${name}` }) : reply(res, 200, { experiment: { experiment_id: id, name, lifecycle_stage: 'active' } });
    }
    const shape = SHAPES[endpoint];
    if (req.method !== 'POST' || shape === undefined) return fail(res, `unexpected ${req.method} ${endpoint}`, 404, 'ENDPOINT_NOT_FOUND');
    if (!String(req.headers['content-type']).startsWith('application/json')) return fail(res, `${endpoint} without a JSON content-type`);
    let text = '';
    for await (const chunk of req) text += String(chunk);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return fail(res, `${endpoint}: body is not JSON`);
    }
    if (!isShape(body, shape.fields, shape.required)) return fail(res, `${endpoint}: body ${text} breaks the documented request structure`);
    switch (endpoint) {
      case 'experiments/create': {
        if (experiments.has(body.name as string)) return reply(res, 400, { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'exists' });
        const id = String(experiments.size + 1);
        experiments.set(body.name as string, id);
        return reply(res, 200, { experiment_id: id });
      }
      case 'runs/create': {
        if (![...experiments.values()].includes(body.experiment_id as string)) return fail(res, `runs/create for unknown experiment ${String(body.experiment_id)}`, 404, 'RESOURCE_DOES_NOT_EXIST');
        const runId = `run${runs.size + 1}`;
        const tags = new Map(((body.tags ?? []) as { key: string; value: string }[]).map((t) => [t.key, t.value]));
        runs.set(runId, { experimentId: body.experiment_id as string, runName: (body.run_name as string) ?? null, status: 'RUNNING', startTime: (body.start_time as number) ?? null, endTime: null, params: new Map(), metrics: new Map(), tags });
        return reply(res, 200, { run: { info: { run_id: runId, run_uuid: runId, experiment_id: body.experiment_id, status: 'RUNNING', lifecycle_stage: 'active' }, data: {} } });
      }
      case 'runs/log-batch': {
        const run = runs.get(body.run_id as string);
        if (run === undefined) return fail(res, `log-batch for unknown run ${String(body.run_id)}`, 404, 'RESOURCE_DOES_NOT_EXIST');
        const params = (body.params ?? []) as { key: string; value: string }[];
        const metrics = (body.metrics ?? []) as { key: string; value: number }[];
        const tags = (body.tags ?? []) as { key: string; value: string }[];
        if (params.length + metrics.length + tags.length > 1000) return fail(res, 'log-batch with more than 1000 entries');
        for (const p of params) {
          // a param, once written, cannot change
          if (run.params.has(p.key) && run.params.get(p.key) !== p.value) return fail(res, `param ${p.key} changed`);
          run.params.set(p.key, p.value);
        }
        for (const m of metrics) run.metrics.set(m.key, m.value);
        for (const t of tags) run.tags.set(t.key, t.value);
        return reply(res, 200, {});
      }
      case 'runs/update': {
        const run = runs.get(body.run_id as string);
        if (run === undefined) return fail(res, `update of unknown run ${String(body.run_id)}`, 404, 'RESOURCE_DOES_NOT_EXIST');
        if (typeof body.status === 'string') run.status = body.status;
        if (typeof body.end_time === 'number') run.endTime = body.end_time;
        return reply(res, 200, { run_info: { run_id: body.run_id, status: run.status } });
      }
    }
    return fail(res, `unhandled ${endpoint}`);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, `server error: ${String(error)}`, 500, 'INTERNAL_ERROR'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    violations,
    experiments,
    runs,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
