import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compose, createLauncher, createLauncherFromConfig, isModuleTarget, LauncherLoadError, loadLauncher, loadLauncherFromConfig, parseModuleTarget } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
const TARGET = './launchers/one-by-one-launcher.mjs#oneByOneLauncher';

describe('module targets', () => {
  it.each([
    ['a relative file with an export', './launchers/pbs.mjs#pbsLauncher', true, { specifier: './launchers/pbs.mjs', exportName: 'pbsLauncher' }],
    ['a package with an export', 'some-package#sgeLauncher', true, { specifier: 'some-package', exportName: 'sgeLauncher' }],
    ['a package sub-path with an export', '@org/launchers/pbs#pbs', true, { specifier: '@org/launchers/pbs', exportName: 'pbs' }],
    ['an absolute file (default export)', '/opt/x.mjs', true, { specifier: '/opt/x.mjs', exportName: 'default' }],
    ['a Hydra class path', 'hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher', false, null],
  ])('reads %s', (_, target, isModule, parsed) => {
    expect(isModuleTarget(target)).toBe(isModule);
    if (parsed !== null) expect(parseModuleTarget(target)).toEqual(parsed);
  });
});

describe('loadLauncher', () => {
  const tempDir = useTempDirs();

  it('loads a launcher file relative to the base folder and answers to the target as written', async () => {
    const definition = await loadLauncher(TARGET, { baseDir: fixtures });
    expect(definition.name).toBe('one-by-one');
    expect(definition.targets).toContain(TARGET);
    const launcher = createLauncher({ _target_: TARGET, pause_ms: 5 }, { launchers: [definition] });
    expect(launcher.name).toBe('one-by-one');
    expect(launcher.config).toMatchObject({ pause_ms: 5 });
  });

  it('validates the config with the plug-in launcher schema, naming the field', async () => {
    const definition = await loadLauncher(TARGET, { baseDir: fixtures });
    expect(() => createLauncher({ _target_: TARGET, pause_ms: -1 }, { launchers: [definition] })).toThrow(/\/pause_ms/);
    expect(() => createLauncher({ _target_: TARGET, nonsense: 1 }, { launchers: [definition] })).toThrow(/nonsense/);
  });

  it('imports a module once per process: loading again gives the same backend factory', async () => {
    const a = await loadLauncher(TARGET, { baseDir: fixtures });
    const b = await loadLauncher(join(fixtures, 'launchers/one-by-one-launcher.mjs#oneByOneLauncher'));
    expect(a.createBackend).toBe(b.createBackend);
  });

  it('takes the default export when the target has no #', async () => {
    expect((await loadLauncher('./launchers/one-by-one-launcher.mjs', { baseDir: fixtures })).name).toBe('one-by-one');
  });

  it('loads a package specifier resolved from the base folder', async () => {
    const base = await tempDir();
    const pkg = join(base, 'node_modules', 'pbs-launcher');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'pbs-launcher', type: 'module', exports: { '.': './index.js' } }));
    await writeFile(join(pkg, 'index.js'), 'export const pbs = { name: "pbs", schema: { type: "object" }, createBackend: () => ({ execute: async () => {} }) };\n');
    const definition = await loadLauncher('pbs-launcher#pbs', { baseDir: base });
    expect(definition.name).toBe('pbs');
    expect(definition.targets).toEqual(['pbs-launcher#pbs']);
  });

  it('names the target, the file tried and the cause when the file is missing', async () => {
    const error = await loadLauncher('./launchers/nope.mjs#x', { baseDir: fixtures }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LauncherLoadError);
    expect(error).toMatchObject({ code: 'ERR_LAUNCHER_LOAD', target: './launchers/nope.mjs#x', tried: `file://${fixtures}/launchers/nope.mjs` });
    expect((error as Error).message).toContain('./launchers/nope.mjs#x');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('names a missing package and where it was looked up', async () => {
    const base = await tempDir();
    await expect(loadLauncher('no-such-launcher-pkg#x', { baseDir: base })).rejects.toThrow(new RegExp(`package "no-such-launcher-pkg" from ${base}.*no such package`));
  });

  it('lists the exports when the one after # is missing', async () => {
    await expect(loadLauncher('./launchers/one-by-one-launcher.mjs#pbsLauncher', { baseDir: fixtures })).rejects.toThrow(/no export "pbsLauncher" \(its exports: .*oneByOneLauncher/);
  });

  it('refuses an export that is not a launcher definition, saying what is wrong', async () => {
    await expect(loadLauncher('./launchers/one-by-one-launcher.mjs#notALauncher', { baseDir: fixtures })).rejects.toThrow(/not a launcher definition: "name" must be a lower-case launcher name, got "Bad Name"/);
  });
});

describe('launchers selected by _target_ through composition', () => {
  const tempDir = useTempDirs();

  async function configFolder(): Promise<string> {
    const dir = await tempDir();
    await mkdir(join(dir, 'hydra', 'launcher'), { recursive: true });
    await writeFile(join(dir, 'config.yaml'), 'defaults:\n  - _self_\nseed: 1\n');
    // relative to the config folder, as a user's project would write it
    const file = relative(dir, join(fixtures, 'launchers/one-by-one-launcher.mjs'));
    expect(file.startsWith('../')).toBe(true);
    await writeFile(join(dir, 'hydra', 'launcher', 'one.yaml'), `_target_: ${JSON.stringify(`${file}#oneByOneLauncher`)}\npause_ms: 3\n`);
    return dir;
  }

  it('builds the plug-in launcher hydra/launcher=<name> selects and runs a job with it', async () => {
    const configDir = await configFolder();
    const composed = compose({ configDir, overrides: ['hydra/launcher=one'] });
    const launcher = await loadLauncherFromConfig(composed, { configDir });
    expect(launcher.name).toBe('one-by-one');
    expect(launcher.config).toMatchObject({ pause_ms: 3 });
    const result = await launcher.launch([{ command: [process.execPath, '-e', 'process.exit(0)'] }], { cwd: configDir });
    expect(result.jobs[0]?.status).toBe('completed');
  });

  it('tells the synchronous call to load a module target first', async () => {
    const configDir = await configFolder();
    const composed = compose({ configDir, overrides: ['hydra/launcher=one'] });
    expect(() => createLauncherFromConfig(composed)).toThrow(expect.objectContaining({ code: 'ERR_LAUNCHER_LOAD', message: expect.stringContaining('loadLauncherFromConfig') }));
  });
});
