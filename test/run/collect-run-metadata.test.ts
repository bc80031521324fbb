import { readFile, readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCH_VERSION } from '../../src/run/launch-version.js';
import { collectRunMetadata } from '../../src/run/metadata/collect-run-metadata.js';
import { REDACTED } from '../../src/run/redact/secret-patterns.js';
import { writeRunMetadata } from '../../src/run/metadata/write-run-metadata.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('collectRunMetadata', () => {
  it('collects process facts, git and the redacted environment', async () => {
    const cwd = await tempDir();
    const now = new Date(Date.UTC(2024, 0, 5, 13, 4, 9));
    const metadata = await collectRunMetadata({ cwd, argv: ['node', 'train.js', 'seed=1'], env: { PATH: '/bin', HF_TOKEN: 'hf_secret' }, now });
    expect(metadata).toEqual({
      startedAt: '2024-01-05T13:04:09.000Z',
      version: LAUNCH_VERSION,
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      hostname: hostname(),
      pid: process.pid,
      user: expect.any(String),
      cwd,
      argv: ['node', 'train.js', 'seed=1'],
      git: null,
      env: { HF_TOKEN: REDACTED, PATH: '/bin' },
    });
  });

  it('finds the git state of the project it runs in', async () => {
    const metadata = await collectRunMetadata({ cwd: process.cwd(), argv: [], env: {} });
    expect(metadata.git?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    { name: 'a flag with its value attached', argv: ['--api-key=abc'], expected: [`--api-key=${REDACTED}`] },
    { name: 'a flag with its value after it', argv: ['--token', 'abc', 'next'], expected: ['--token', REDACTED, 'next'] },
    { name: 'a secret-named override', argv: ['+wandb.api_key=abc', 'db.password=p', 'lr=0.1'], expected: [`+wandb.api_key=${REDACTED}`, `db.password=${REDACTED}`, 'lr=0.1'] },
    { name: 'URL credentials in any argument', argv: ['repo=https://u:p@h/r'], expected: [`repo=https://${REDACTED}@h/r`] },
    { name: 'a secret-named flag followed by another flag', argv: ['--no-auth', '--verbose'], expected: ['--no-auth', '--verbose'] },
  ])('redacts $name in argv', async ({ argv, expected }) => {
    const metadata = await collectRunMetadata({ cwd: await tempDir(), argv, env: {} });
    expect(metadata.argv).toEqual(expected);
  });
});

describe('writeRunMetadata', () => {
  it('writes metadata.json that parses back to the same object', async () => {
    const dir = await tempDir();
    const metadata = await collectRunMetadata({ cwd: dir, argv: ['a'], env: { A: '1' } });
    await writeRunMetadata(dir, metadata);
    expect(JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'))).toEqual(metadata);
    expect(await readdir(dir)).toEqual(['metadata.json']);
  });
});
