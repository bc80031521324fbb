/**
 * The child-process entry of a module job: imports the module, calls the export with the
 * job's context, and writes `{ ok, result | error }` as JSON to $SPECTRAMIND_RESULT.
 * argv: <module URL> <export name>
 */
import { writeFileAtomic } from '../run/write-file-atomic.js';
import { readJobContext } from './read-job-context.js';
import { taskResultFile } from './task-result-file.js';

async function main(): Promise<number> {
  const [moduleUrl, exportName = 'default'] = process.argv.slice(2);
  // a task of a multi-task job (tasks_per_node > 1) reports in its own file
  const resultFile = taskResultFile(process.env);
  const report = async (body: object): Promise<void> => {
    if (resultFile) await writeFileAtomic(resultFile, `${JSON.stringify(body)}\n`);
  };
  try {
    if (moduleUrl === undefined) throw new Error('module-worker needs a module URL as its first argument');
    const loaded = (await import(moduleUrl)) as Record<string, unknown>;
    const fn = loaded[exportName];
    if (typeof fn !== 'function') {
      throw new Error(`${moduleUrl} has no function export ${JSON.stringify(exportName)}; its exports are: ${Object.keys(loaded).join(', ') || '(none)'}`);
    }
    const value: unknown = await (fn as (context: unknown) => unknown)(readJobContext());
    // Round-trip now so a non-serialisable result fails this job, not the launcher.
    const result: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
    await report({ ok: true, result });
    return 0;
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(`${err.stack ?? err.message}\n`);
    await report({ ok: false, error: { name: err.name, message: err.message } });
    return 1;
  }
}

process.exitCode = await main();
