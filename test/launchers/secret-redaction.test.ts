import fc from 'fast-check';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLauncher } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** Every file under a folder, relative paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** The records a launch wrote: every file but the job's own config.yaml and its output logs. */
const isRecord = (file: string): boolean => !file.endsWith('config.yaml') && !/(^|\/)(stdout|stderr)\.log$/.test(file);

let warnings: Error[] = [];
const onWarning = (warning: Error): void => {
  if (warning.name === 'SpectramindSecretWarning') warnings.push(warning);
};
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

const secret = fc.stringMatching(/^[A-Za-z0-9]{20,28}$/).filter((s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s));

describe('secrets never reach a record of a launch other than the job config.yaml', () => {
  it('a real launch with secrets in every position writes none of them outside config.yaml, and warns once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(secret, { minLength: 9, maxLength: 9 }), fc.constantFrom('wandb.api_key', 'db.password', 'hf_token', 'creds.user', 'slack.webhook_url'), async (s, key) => {
        const cwd = await tempDir();
        const hidden = `MY_SERVICE_${s[8]!.slice(0, 4).toUpperCase()}`;
        process.env[hidden] = `${s[8]}${s[7]}`; // credential-looking, name not telling: metadata.json env
        try {
          warnings = [];
          const launcher = createLauncher({
            launcher: 'local',
            max_parallel_jobs: 2,
            env: { WANDB_API_KEY: s[0]!, NOTE: `ghp_${s[1]}${s[1]}` },
            hydra: { sweep: { dir: 'sweep', subdir: '${hydra.job.num}_${hydra.job.override_dirname}' }, job: { env_set: { DB_PASSWORD: s[2]! } } },
          });
          const result = await launcher.launch(
            [
              { overrides: ['lr=1', `${key}=${s[3]}`], config: { lr: 1, token: s[3] }, command: ['true'] },
              { overrides: [`+db.url=https://me:${s[4]}@host/x`, `repo=hf_${s[5]}${s[5]}`], command: ['true'] },
              { overrides: [`db={user: me, password: ${s[6]}}`], command: ['sh', '-c', 'exit 3'] },
            ],
            { cwd, mode: 'multirun', sweepOverrides: [`${key}=${s[3]}`] },
          );
          expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'failed']);
          const sweep = join(cwd, 'sweep');
          const files = await filesUnder(sweep);
          const records = files.filter(isRecord);
          const names = (await readdir(sweep, { recursive: true })).join('\n');
          for (const value of s) expect(names, 'a folder name leaks a secret').not.toContain(value);
          expect(records).toEqual(expect.arrayContaining(['events.jsonl', 'multirun.yaml']));
          expect(records.filter((f) => /\.hydra\/(hydra|overrides)\.yaml$|metadata\.json$/.test(f))).toHaveLength(9);
          for (const file of records) {
            const text = await readFile(join(sweep, file), 'utf8');
            for (const value of s) expect(text, `${file} leaks a secret`).not.toContain(value);
          }
          // The job's own config keeps what it needs.
          const config = await readFile(join(sweep, files.find((f) => f.startsWith('0_') && f.endsWith('config.yaml'))!), 'utf8');
          expect(config).toContain(s[3]);
          await new Promise((resolve) => setImmediate(resolve));
          expect(warnings).toHaveLength(1);
          expect(warnings[0]!.message).toContain('${oc.env:');
        } finally {
          delete process.env[hidden];
        }
      }),
      { numRuns: 4 },
    );
  });

  it('a launch without secret overrides gives no warning', async () => {
    const cwd = await tempDir();
    await createLauncher({ launcher: 'local' }).launch([{ overrides: ['lr=1', 'model.max_new_tokens=5'], command: ['true'] }], { cwd });
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toHaveLength(0);
  });

  it('resumes a launch whose recorded overrides were redacted', async () => {
    const cwd = await tempDir();
    const jobs = [{ overrides: ['db.password=hunter2X9'], command: ['true'] }, { overrides: ['x=1'], command: ['sh', '-c', 'exit 1'] }];
    const first = await createLauncher({ launcher: 'local' }).launch(jobs, { cwd, mode: 'multirun' });
    const again = await createLauncher({ launcher: 'local' }).launch(jobs, { cwd, mode: 'multirun', resume: first.dir });
    expect(again.jobs.map((j) => j.status)).toEqual(['completed', 'failed']);
  });
});
