// A results sink for spectramind-launch: one row per job (number, status, duration, overrides,
// result fields) into a JSONL file as each job ends, or a CSV file written when the launch ends.
//
//   hydra:
//     callbacks:
//       results:
//         _target_: ./callbacks/results-sink.mjs#ResultsSink
//         path: results.csv        # relative to the run or sweep folder; .csv or .jsonl
//         enabled: true
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { overridePairs, resultFields } from './job-results.mjs';

export class ResultsSink {
  constructor({ path = 'results.jsonl', format, enabled = true } = {}) {
    this.name = 'results-sink';
    this.enabled = enabled !== false && enabled !== 'false';
    this.path = String(path);
    this.format = format ?? (this.path.endsWith('.csv') ? 'csv' : 'jsonl');
    if (this.format !== 'csv' && this.format !== 'jsonl') throw new Error(`format must be "csv" or "jsonl", got ${JSON.stringify(format)}`);
    this.rows = [];
    this.file = null;
  }

  on_run_start(payload) {
    this.#open(payload.launch.dir);
  }

  on_multirun_start(payload) {
    this.#open(payload.launch.dir);
  }

  async on_job_end(payload) {
    if (!this.enabled || this.file === null) return;
    const overrides = Object.fromEntries(overridePairs(payload.job.overrides));
    const results = await resultFields(payload);
    // A result field named like an override (a job echoing its `lr`) keeps the override's value as typed.
    for (const key of Object.keys(overrides)) delete results[key];
    const row = { num: payload.job.num, status: payload.outcome.status, duration_s: payload.durationMs / 1000, ...overrides, ...results };
    if (this.format === 'jsonl') {
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify(row)}\n`);
    } else {
      this.rows.push(row);
    }
  }

  async on_run_end() {
    await this.#writeCsv();
  }

  async on_multirun_end() {
    await this.#writeCsv();
  }

  #open(dir) {
    if (this.enabled) this.file = isAbsolute(this.path) ? this.path : join(dir, this.path);
  }

  async #writeCsv() {
    if (!this.enabled || this.format !== 'csv' || this.file === null) return;
    const rows = [...this.rows].sort((a, b) => a.num - b.num);
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    const lines = [columns.map(csvCell).join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c] ?? '')).join(','))];
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, `${lines.join('\r\n')}\r\n`);
  }
}

/** RFC 4180: quote a cell holding a comma, a quote or a line break; double the quotes. */
function csvCell(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
