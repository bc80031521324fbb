import { describe, expect, it } from 'vitest';
import { compose } from '../../src/config/compose.js';
import { ConfigCompositionError, ConfigYamlError, MissingConfigError } from '../../src/config/config-errors.js';
import { toPlainData } from '../../src/config/config-tree.js';
import { createMemoryConfigSource } from '../../src/config/memory-config-source.js';

const folder = createMemoryConfigSource({
  'self_last': 'defaults: [{db: mysql}, _self_]\ndb: {port: 1}\n',
  'self_first': 'defaults: [_self_, {db: mysql}]\ndb: {port: 1}\n',
  'no_self': 'defaults: [{db: mysql}]\ndb: {port: 1}\n',
  'only_content': 'a: 1\n',
  'nested': 'defaults: [{server: apache}]\n',
  'with_override': 'defaults: [base, {override db: sqlite}, _self_]\ntop: 1\n',
  'base': 'defaults: [{db: mysql}, _self_]\nbase: true\n',
  'optional': 'defaults: [{optional db: nosuch}, {optional cache: redis}, _self_]\nx: 1\n',
  'null_choice': 'defaults: [{db: null}, _self_]\nx: 1\n',
  'missing_choice': 'defaults: [{db: ???}, _self_]\n',
  'bad_option': 'defaults: [{db: oracle}]\n',
  'bad_group': 'defaults: [{queue: rabbit}]\n',
  'interp_choice': 'defaults: [{db: mysql}, {server: "${db}"}]\n',
  'packaged': 'defaults: [{db@source: mysql}, {db@target: sqlite}, _self_]\n',
  'override_before': 'defaults: [{override db: sqlite}, {db: mysql}]\n',
  'two_self': 'defaults: [_self_, {db: mysql}, _self_]\n',
  'bad_yaml': 'defaults: [\n',
  'db/mysql': 'driver: mysql\nport: 3306\n',
  'db/sqlite': 'driver: sqlite\nport: 0\n',
  'server/apache': 'defaults: [{db: pg}, _self_]\nname: apache\n',
  'server/mysql': 'name: mysql-server\n',
  'server/db/pg': 'engine: pg\n',
});

const run = (configName: string, overrides: string[] = []): { config: unknown; choices: Record<string, string | null> } => {
  const composed = compose({ source: folder, configName, overrides, env: {} });
  return { config: toPlainData(composed.config), choices: { ...composed.choices } };
};

describe('defaults lists follow Hydra 1.3', () => {
  const cases: [string, string, string[], unknown, Record<string, string | null>][] = [
    ['_self_ last lets the config override its defaults', 'self_last', [], { db: { driver: 'mysql', port: 1 } }, { db: 'mysql' }],
    ['_self_ first lets the defaults override the config', 'self_first', [], { db: { port: 3306, driver: 'mysql' } }, { db: 'mysql' }],
    ['a primary config without _self_ is merged last, as in Hydra 1.3', 'no_self', [], { db: { driver: 'mysql', port: 1 } }, { db: 'mysql' }],
    ['a config without defaults is its content', 'only_content', [], { a: 1 }, {}],
    ['nested defaults in a group option are relative to its group', 'nested', [], { server: { db: { engine: 'pg' }, name: 'apache' } }, { server: 'apache', 'server/db': 'pg' }],
    ['`override group: option` in the defaults list replaces a choice made deeper', 'with_override', [], { db: { driver: 'sqlite', port: 0 }, base: true, top: 1 }, { db: 'sqlite' }],
    ['a command-line choice beats a defaults-list override', 'with_override', ['db=mysql'], { db: { driver: 'mysql', port: 3306 }, base: true, top: 1 }, { db: 'mysql' }],
    ['optional entries for a missing option or group are skipped', 'optional', [], { x: 1 }, { db: 'nosuch', cache: 'redis' }],
    ['`group: null` picks nothing', 'null_choice', [], { x: 1 }, { db: null }],
    ['`group=option` fills a null choice', 'null_choice', ['db=sqlite'], { db: { driver: 'sqlite', port: 0 }, x: 1 }, { db: 'sqlite' }],
    ['`???` choices are filled from the command line', 'missing_choice', ['db=mysql'], { db: { driver: 'mysql', port: 3306 } }, { db: 'mysql' }],
    ['`+group=option` appends a group after the primary config', 'only_content', ['+db=sqlite'], { a: 1, db: { driver: 'sqlite', port: 0 } }, { db: 'sqlite' }],
    ['`+group@pkg=option` appends at another package', 'self_last', ['+db@backup=sqlite'], { db: { driver: 'mysql', port: 1 }, backup: { driver: 'sqlite', port: 0 } }, { db: 'mysql', 'db@backup': 'sqlite' }],
    ['`~group` removes a group', 'self_last', ['~db'], { db: { port: 1 } }, {}],
    ['`~group=option` removes it when the option matches', 'self_last', ['~db=mysql'], { db: { port: 1 } }, {}],
    ['a list of options merges each at the group package', 'self_first', ['db=[mysql,sqlite]'], { db: { port: 0, driver: 'sqlite' } }, {}],
    ['an interpolated choice reads another group choice', 'interp_choice', [], { db: { driver: 'mysql', port: 3306 }, server: { name: 'mysql-server' } }, { db: 'mysql', server: 'mysql' }],
    ['`group@pkg: option` lands at the package and is overridden by its key', 'packaged', ['db@target=mysql'], { source: { driver: 'mysql', port: 3306 }, target: { driver: 'mysql', port: 3306 } }, { 'db@source': 'mysql', 'db@target': 'mysql' }],
  ];
  for (const [title, configName, overrides, config, choices] of cases) {
    it(title, () => {
      const result = run(configName, overrides);
      expect(result.config).toEqual(config);
      expect(JSON.stringify(result.config)).toBe(JSON.stringify(config));
      expect(result.choices).toEqual(choices);
    });
  }

  it("accepts a Hydra project's overrides of Hydra's other groups", () => {
    const hydraProject = createMemoryConfigSource({ config: 'defaults:\n  - override hydra/job_logging: disabled\n  - override hydra/hydra_logging: disabled\n  - _self_\nx: 1\n' });
    const composed = compose({ source: hydraProject, env: {} });
    expect(composed.hydra['runtime']).toMatchObject({ choices: { 'hydra/job_logging': 'disabled', 'hydra/hydra_logging': 'disabled', 'hydra/launcher': 'basic', 'hydra/sweeper': 'basic' } });
    expect(composed.choices).toEqual({});
    expect(composed.config).toEqual({ x: 1 });
  });

  it('records the hydra launcher choice beside the user groups', () => {
    const composed = compose({ source: folder, configName: 'only_content', overrides: ['hydra/launcher=local'], env: {} });
    expect(composed.hydra['runtime']).toMatchObject({ choices: { 'hydra/launcher': 'local' } });
    expect(composed.hydra['launcher']).toMatchObject({ _target_: 'spectramind_launch.launchers.local', launcher: 'local', max_parallel_jobs: null });
  });
});

describe('defaults-list mistakes raise typed errors that say what to do', () => {
  const cases: [string, string, string[], new (...args: never[]) => Error, RegExp][] = [
    ['a missing option in a defaults list lists the group options', 'bad_option', [], MissingConfigError, /In 'bad_option': Could not find 'db\/oracle'\n\nAvailable options in 'db':\n\tmysql\n\tsqlite/],
    ['a defaults list naming a missing group', 'bad_group', [], MissingConfigError, /Could not find 'queue\/rabbit'/],
    ['a missing option on the command line lists the options', 'self_last', ['db=oracle'], MissingConfigError, /Could not find 'db\/oracle'[\s\S]*\tmysql\n\tsqlite/],
    ['a group override for a group that does not exist', 'self_last', ['queue@x=rabbit'], ConfigCompositionError, /config group 'queue' does not exist/],
    ['a group override that matches nothing in the defaults list', 'only_content', ['db=mysql'], ConfigCompositionError, /Could not override 'db'. No match in the defaults list.\nTo append to your default list use \+db=mysql/],
    ['a deletion that matches nothing', 'only_content', ['~db'], ConfigCompositionError, /Could not delete 'db'. No match in the defaults list/],
    ['a `???` choice left unset lists the options', 'missing_choice', [], ConfigCompositionError, /You must specify 'db', e.g, db=<OPTION>\nAvailable options:\n\tmysql\n\tsqlite/],
    ['a missing primary config', 'nosuch', [], MissingConfigError, /Cannot find primary config 'nosuch'/],
    ['adding a group a second time', 'self_last', ['+db=sqlite'], ConfigCompositionError, /Multiple values for db/],
    ['an override before a plain entry', 'override_before', [], ConfigCompositionError, /Overrides must be at the end of the defaults list/],
    ['two _self_ entries', 'two_self', [], ConfigCompositionError, /Duplicate _self_/],
    ['force-adding a group', 'self_last', ['++db=sqlite'], ConfigCompositionError, /force-add of config groups is not supported/],
    ['invalid YAML in a config of the folder', 'bad_yaml', [], ConfigYamlError, /bad_yaml/],
    ['a sweep in a single run', 'self_last', ['db=mysql,sqlite'], ConfigCompositionError, /Ambiguous value for argument 'db=mysql,sqlite'/],
  ];
  for (const [title, configName, overrides, type, message] of cases) {
    it(`reports ${title}`, () => {
      const attempt = (): unknown => run(configName, overrides);
      expect(attempt).toThrow(type);
      expect(attempt).toThrow(message);
    });
  }

  it('gives the missing option list as data too', () => {
    try {
      run('self_last', ['db=oracle']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MissingConfigError);
      expect((error as MissingConfigError).options).toEqual(['mysql', 'sqlite']);
      expect((error as MissingConfigError).code).toBe('ERR_MISSING_CONFIG');
    }
  });

  it('skips `???` choices when composing the master config of a sweep', () => {
    const composed = compose({ source: folder, configName: 'missing_choice', overrides: ['db=mysql,sqlite'], mode: 'multirun', env: {} });
    expect(composed.config).toEqual({});
  });
});
