// Builds the pieces of the consumer test: the packed tarball, a cached folder with the newest
// TypeScript major and @types/node, and a fresh project that installs the tarball and holds
// the documentation's examples. Everything runs the real npm and the real compilers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');
/** TypeScript 7 installs a `tsc` bin like TypeScript 5 does, so it lives outside the project's node_modules/.bin. */
const TOOLS = join(REPO, 'node_modules', '.cache', 'spectramind-consumer-tools');
const TOOL_SPECS = ['typescript@^7', '@types/node@^20'];
const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];

export interface CommandResult {
  readonly status: number | null;
  readonly output: string;
}

export function run(command: string, args: readonly string[], cwd: string): CommandResult {
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: child.status, output: `${child.stdout ?? ''}${child.stderr ?? ''}${child.error ? String(child.error) : ''}` };
}

/** Like {@link run}, without blocking, so the compilers can check side by side. */
export function runAsync(command: string, args: readonly string[], cwd: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ status: null, output: `${output}${String(error)}` }));
    child.on('close', (status) => resolve({ status, output }));
  });
}

function mustRun(command: string, args: readonly string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.output}`);
  return result.output;
}

/** Packs the built package (dist/ must be current: `npm test` builds first) without running `prepare` again. */
export function packTarball(destination: string): { file: string; files: string[] } {
  if (!existsSync(join(REPO, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build first');
  const [packed] = JSON.parse(mustRun('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], REPO)) as [{ filename: string; files: { path: string }[] }];
  return { file: join(destination, packed.filename), files: packed.files.map((f) => f.path) };
}

/** The compilers to check with: the project's TypeScript 5 and the cached newest major. */
export function compilers(): { name: string; tsc: string }[] {
  const stamp = join(TOOLS, 'specs.json');
  const wanted = JSON.stringify(TOOL_SPECS);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
    mkdirSync(TOOLS, { recursive: true });
    writeFileSync(join(TOOLS, 'package.json'), '{ "private": true }\n');
    mustRun('npm', ['install', ...NPM_QUIET, ...TOOL_SPECS], TOOLS);
    writeFileSync(stamp, wanted);
  }
  const version = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const ts5 = join(REPO, 'node_modules', 'typescript');
  const ts7 = join(TOOLS, 'node_modules', 'typescript');
  return [
    { name: `TypeScript ${version(ts5)}`, tsc: join(ts5, 'bin', 'tsc') },
    { name: `TypeScript ${version(ts7)}`, tsc: join(ts7, 'bin', 'tsc') },
  ];
}

/** The `ts` blocks of README.md and docs/*.md marked `<!-- consumer-test: name -->`. */
export function documentedExamples(): { name: string; source: string; doc: string }[] {
  const docs = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return docs.flatMap((doc) =>
    [...readFileSync(join(REPO, doc), 'utf8').matchAll(/<!-- consumer-test: ([\w-]+) -->\n```ts\n([\s\S]*?)```/g)].map((m) => ({ name: m[1] as string, source: m[2] as string, doc })),
  );
}

const STRICT = {
  module: 'nodenext',
  target: 'es2022',
  lib: ['es2023'],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: false,
  rootDir: 'src',
  outDir: 'out',
};

/**
 * A fresh project with the tarball installed and the examples in src/. `tsconfig.node.json` has
 * @types/node; `tsconfig.bare.json` has no @types at all (as `tsc --init` of TypeScript 7 writes),
 * with only `console` declared for the examples' own output.
 */
export function createConsumer(tarball: string, examples: readonly { name: string; source: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'spectramind-consumer-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  mustRun('npm', ['install', ...NPM_QUIET, tarball], dir);
  mkdirSync(join(dir, 'src'));
  for (const example of examples) writeFileSync(join(dir, 'src', `${example.name}.ts`), example.source);
  writeFileSync(join(dir, 'console.d.ts'), 'declare const console: { log(...data: unknown[]): void };\n');
  const files = examples.map((e) => `src/${e.name}.ts`);
  writeFileSync(join(dir, 'tsconfig.node.json'), JSON.stringify({ compilerOptions: { ...STRICT, types: ['node'], typeRoots: [join(TOOLS, 'node_modules', '@types')] }, files }, null, 2));
  writeFileSync(join(dir, 'tsconfig.bare.json'), JSON.stringify({ compilerOptions: { ...STRICT, types: [], rootDir: '.', noEmit: true }, files: [...files, 'console.d.ts'] }, null, 2));
  return dir;
}
