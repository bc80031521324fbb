import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../src/cli/cli-errors.js';
import { readCliInvocation } from '../../src/cli/read-cli-invocation.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

async function runFolder(argv: string[]): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, '.hydra'));
  await writeFile(join(dir, '.hydra', 'metadata.json'), JSON.stringify({ argv, cwd: dir }));
  return dir;
}

describe('readCliInvocation', () => {
  it('reads back the task line a run folder was made by', async () => {
    const dir = await runFolder(['node', '/x/dist/cli/main.js', 'train', 'model.lr=0.1']);
    expect(readCliInvocation(dir).command).toMatchObject({ kind: 'task' });
  });

  it('refuses to replay a line whose secrets metadata.json redacted', async () => {
    const dir = await runFolder(['node', '/x/dist/cli/main.js', 'train', 'wandb.api_key=<redacted>']);
    expect(() => readCliInvocation(dir)).toThrow(CliUsageError);
    expect(() => readCliInvocation(dir)).toThrow(/cannot be replayed.*resume: dir.*oc\.env/);
  });
});
