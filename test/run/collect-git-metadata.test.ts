import { execFileSync } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectGitMetadata, parseGitStatus } from '../../src/run/metadata/collect-git-metadata.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();
}

async function repoWithCommit(): Promise<string> {
  const dir = await tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  await writeFile(join(dir, 'a.txt'), 'one\n');
  git(dir, 'add', 'a.txt');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

describe('collectGitMetadata', () => {
  it('reports the commit and branch of a clean repository', async () => {
    const dir = await repoWithCommit();
    await expect(collectGitMetadata(dir)).resolves.toEqual({ commit: git(dir, 'rev-parse', 'HEAD'), branch: 'main', dirty: false });
  });

  it('is dirty when a tracked file changed', async () => {
    const dir = await repoWithCommit();
    await writeFile(join(dir, 'a.txt'), 'two\n');
    expect((await collectGitMetadata(dir))?.dirty).toBe(true);
  });

  it('is not dirty for untracked files such as run folders', async () => {
    const dir = await repoWithCommit();
    await writeFile(join(dir, 'untracked.txt'), 'x');
    expect((await collectGitMetadata(dir))?.dirty).toBe(false);
  });

  it('reports no branch on a detached HEAD', async () => {
    const dir = await repoWithCommit();
    git(dir, 'checkout', '-q', '--detach');
    expect((await collectGitMetadata(dir))?.branch).toBeNull();
  });

  it('reports no commit in a repository without commits', async () => {
    const dir = await tempDir();
    git(dir, 'init', '-q', '-b', 'trunk');
    await expect(collectGitMetadata(dir)).resolves.toEqual({ commit: null, branch: 'trunk', dirty: false });
  });

  it('works from a subfolder of the repository', async () => {
    const dir = await repoWithCommit();
    await mkdir(join(dir, 'sub'));
    expect((await collectGitMetadata(join(dir, 'sub')))?.branch).toBe('main');
  });

  it('resolves null outside a repository', async () => {
    await expect(collectGitMetadata(await tempDir())).resolves.toBeNull();
  });

  it('resolves null without a git executable', async () => {
    await expect(collectGitMetadata(await tempDir(), { git: join(await tempDir(), 'no-such-git') })).resolves.toBeNull();
  });

  it.runIf(process.platform !== 'win32')('resolves null when git hangs past the time limit', async () => {
    const dir = await tempDir();
    const hanging = join(dir, 'hanging-git');
    await writeFile(hanging, '#!/bin/sh\nexec sleep 30\n');
    await chmod(hanging, 0o755);
    await expect(collectGitMetadata(dir, { git: hanging, timeoutMs: 50 })).resolves.toBeNull();
  });
});

describe('parseGitStatus', () => {
  it.each([
    { name: 'a clean branch', text: '# branch.oid abc\n# branch.head main\n', expected: { commit: 'abc', branch: 'main', dirty: false } },
    { name: 'changes', text: '# branch.oid abc\n# branch.head dev\n1 .M N... 100644 100644 100644 x y a.txt\n', expected: { commit: 'abc', branch: 'dev', dirty: true } },
    { name: 'an upstream line', text: '# branch.oid abc\n# branch.head main\n# branch.upstream origin/main\n# branch.ab +1 -0\n', expected: { commit: 'abc', branch: 'main', dirty: false } },
    { name: 'an initial repository', text: '# branch.oid (initial)\n# branch.head main\n', expected: { commit: null, branch: 'main', dirty: false } },
    { name: 'a detached HEAD', text: '# branch.oid abc\n# branch.head (detached)\n', expected: { commit: 'abc', branch: null, dirty: false } },
    { name: 'output without headers', text: 'fatal: nope\n', expected: null },
  ])('reads $name', ({ text, expected }) => {
    expect(parseGitStatus(text)).toEqual(expected);
  });
});
