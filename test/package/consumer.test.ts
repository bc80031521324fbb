import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilers, createConsumer, documentedExamples, packTarball, run, runAsync, type CommandResult } from './consumer-project.js';

// One pack and one install for the whole file: the slow part (npm) happens once.
describe('the packed package in a fresh consumer project', { timeout: 240_000 }, () => {
  const examples = documentedExamples();
  let packDir = '';
  let packed: { file: string; files: string[] };
  let consumer = '';
  const checks: { compiler: string; project: string; result: CommandResult }[] = [];

  // Every compiler run happens here, side by side; the TypeScript 5 run with @types/node also
  // emits out/, which the run test executes.
  beforeAll(async () => {
    packDir = mkdtempSync(join(tmpdir(), 'spectramind-pack-'));
    packed = packTarball(packDir);
    const tools = compilers();
    consumer = createConsumer(packed.file, examples);
    writeFileSync(join(consumer, 'typo.ts'), "import { createLauncher } from 'spectramind-launch';\ncreateLauncher({ launcher: 'local', max_paralel_jobs: 3 });\n");
    writeFileSync(join(consumer, 'tsconfig.typo.json'), JSON.stringify({ extends: './tsconfig.bare.json', files: ['typo.ts'] }));
    const runs = tools.flatMap(({ name, tsc }, index) =>
      ['tsconfig.node.json', 'tsconfig.bare.json', 'tsconfig.typo.json'].map(async (project) => {
        const emit = index === 0 && project === 'tsconfig.node.json';
        const result = await runAsync(process.execPath, [tsc, '-p', project, ...(emit ? [] : ['--noEmit'])], consumer);
        checks.push({ compiler: name, project, result });
      }),
    );
    await Promise.all(runs);
  }, 600_000);

  afterAll(() => {
    for (const dir of [packDir, consumer]) if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('ships the build, the schemas, the docs and the examples, and no sources, tests or source maps', () => {
    const files = new Set(packed.files);
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'dist/run/index.d.ts', 'dist/overrides/index.d.ts', 'dist/sweep/index.d.ts', 'dist/job/index.d.ts', 'dist/job/module-worker.js', 'schemas/local.json', 'schemas/launcher-common.json', 'docs/run-folders.md', 'docs/overrides.md', 'docs/launching.md']) {
      expect(files, needed).toContain(needed);
    }
    const strays = packed.files.filter((f) => /^(src|test|bench|scripts|logs|node_modules)\//.test(f) || f.endsWith('.map') || f.endsWith('.tgz'));
    expect(strays).toEqual([]);
  });

  it('finds a documented example for the root, run, overrides, sweep and job entry points', () => {
    const imported = examples.map((e) => e.source).join('\n');
    for (const entry of ["'spectramind-launch'", "'spectramind-launch/run'", "'spectramind-launch/overrides'", "'spectramind-launch/sweep'", "'spectramind-launch/job'"]) {
      expect(imported, entry).toContain(`from ${entry}`);
    }
  });

  it('type-checks the documented examples under both TypeScript majors, strict, with and without @types/node', () => {
    const examplesChecks = checks.filter((c) => c.project !== 'tsconfig.typo.json');
    expect(examplesChecks).toHaveLength(4);
    for (const { compiler, project, result } of examplesChecks) {
      expect({ compiler, project, ...result }).toEqual({ compiler, project, output: '', status: 0 });
    }
  });

  it('refuses a misspelt launcher field in the published types, under both majors', () => {
    const typoChecks = checks.filter((c) => c.project === 'tsconfig.typo.json');
    expect(typoChecks).toHaveLength(2);
    for (const { compiler, result } of typoChecks) {
      expect(result.status, compiler).not.toBe(0);
      expect(result.output, compiler).toMatch(/max_paralel_jobs/);
    }
  });

  it('runs the documented examples against the installed package', () => {
    for (const example of examples) {
      const result = run(process.execPath, [join('out', `${example.name}.js`)], consumer);
      expect({ example: example.name, doc: example.doc, status: result.status, output: result.output }).toMatchObject({ status: 0, output: expect.stringContaining(`${example.name}:`) });
    }
  });

  it('loads every entry point with require() as well as import', () => {
    const entries = ['spectramind-launch', 'spectramind-launch/run', 'spectramind-launch/overrides', 'spectramind-launch/sweep', 'spectramind-launch/job'];
    const script = `for (const e of ${JSON.stringify(entries)}) { const m = require(e); if (Object.keys(m).length === 0) throw new Error(e + ' is empty'); } console.log('required')`;
    const result = run(process.execPath, ['--no-warnings', '-e', script], consumer);
    expect(result).toEqual({ status: 0, output: 'required\n' });
  });
});
