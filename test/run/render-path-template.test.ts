import { describe, expect, it } from 'vitest';
import { LaunchError } from '../../src/errors.js';
import { IntegralFloat } from '../../src/overrides/to-config-value.js';
import { OutputPathError } from '../../src/run/output-path-error.js';
import { renderPathTemplate } from '../../src/run/render-path-template.js';
import type { PathTemplateVars } from '../../src/run/render-path-template.js';

const now = new Date(2024, 0, 5, 13, 4, 9, 123);
const hydra = {
  job: { num: 3, id: 'abc_3', name: 'train', override_dirname: 'lr=0.1,seed=1' },
  sweep: { dir: 'logs/multiruns/${now:%Y-%m-%d}/${now:%H-%M-%S}', subdir: '${hydra.job.num}' },
  run: { dir: 'logs/runs/${now:%Y-%m-%d}/${now:%H-%M-%S}' },
  flags: { on: true, off: false, none: null, ratio: new IntegralFloat(2), big: 12n },
  self: '${hydra.self}',
};
const vars: PathTemplateVars = { now, hydra, config: { model: { name: 'resnet' }, seed: 7 } };

const CASES: ReadonlyArray<{ name: string; template: string; expected: string }> = [
  { name: "Hydra's single-run folder", template: 'logs/runs/${now:%Y-%m-%d}/${now:%H-%M-%S}', expected: 'logs/runs/2024-01-05/13-04-09' },
  { name: "Hydra's job subfolder", template: '${hydra.job.num}', expected: '3' },
  { name: 'the resolver form of a hydra key', template: '${hydra:job.id}', expected: 'abc_3' },
  { name: 'a key whose value is itself a template', template: '${hydra.sweep.dir}/${hydra.sweep.subdir}', expected: 'logs/multiruns/2024-01-05/13-04-09/3' },
  { name: 'the job name and override dirname', template: 'out/${hydra.job.name}/${hydra.job.override_dirname}', expected: 'out/train/lr=0.1,seed=1' },
  { name: 'a quoted strftime argument', template: "${now:'%Y'}", expected: '2024' },
  { name: 'a strftime argument holding colons', template: '${now:%H:%M:%S}', expected: '13:04:09' },
  { name: 'config keys outside hydra', template: 'o/${model.name}/${seed}', expected: 'o/resnet/7' },
  { name: "booleans and null as Python's str writes them", template: '${hydra.flags.on}-${hydra.flags.off}-${hydra.flags.none}', expected: 'True-False-None' },
  { name: 'an integral float and a bigint', template: '${hydra.flags.ratio}-${hydra.flags.big}', expected: '2.0-12' },
  { name: 'an escaped interpolation as a literal', template: 'a/\\${hydra.job.num}', expected: 'a/${hydra.job.num}' },
  { name: 'spaces inside the braces', template: '${ hydra.job.num }', expected: '3' },
  { name: 'a template without interpolations', template: 'plain/dir', expected: 'plain/dir' },
  { name: 'a lone dollar sign', template: 'cost$5', expected: 'cost$5' },
];

function templateError(template: string): LaunchError {
  try {
    renderPathTemplate(template, vars);
  } catch (error) {
    expect(error).toBeInstanceOf(LaunchError);
    expect((error as LaunchError).code).toBe('ERR_TEMPLATE');
    return error as LaunchError;
  }
  throw new Error(`expected ${template} to throw`);
}

describe('renderPathTemplate', () => {
  it.each(CASES)('renders $name', ({ template, expected }) => {
    expect(renderPathTemplate(template, vars)).toBe(expected);
  });

  it('names the template, the missing key and the keys that exist', () => {
    const error = templateError('out/${hydra.job.nume}');
    expect(error.message).toContain('"hydra.job.nume"');
    expect(error.message).toContain('"out/${hydra.job.nume}"');
    expect(error.message).toContain('hydra.job has num, id, name, override_dirname');
  });

  it('reports a missing config key against the config', () => {
    expect(templateError('${model.depth}').message).toContain('model has name');
  });

  it('reports a config key when no config was given', () => {
    expect(() => renderPathTemplate('${seed}', { now, hydra })).toThrow(/Unknown key "seed".*the config has no keys/);
  });

  it.each([
    { name: 'an unknown resolver', template: '${oc.env:HOME}', fragment: 'Unknown resolver "oc.env"' },
    { name: 'an unclosed interpolation', template: 'a/${hydra.job.num', fragment: 'Unclosed' },
    { name: 'a key holding a node', template: '${hydra.job}', fragment: 'holds a node' },
    { name: 'a self-referencing key', template: '${hydra.self}', fragment: 'refers to itself' },
    { name: 'a bad strftime directive', template: '${now:%Q}', fragment: '"%Q"' },
  ])('rejects $name', ({ template, fragment }) => {
    expect(templateError(template).message).toContain(fragment);
  });
});

describe('values the job controls cannot steer a folder elsewhere', () => {
  const withJob = (job: Record<string, unknown>, config: Record<string, unknown> = {}): PathTemplateVars => ({ now, hydra: { ...hydra, job: { ...hydra.job, ...job } }, config });

  it.each([
    ['a job name with ".."', 'runs/${hydra.job.name}', withJob({ name: '../../etc' }), 'hydra.job.name'],
    ['an absolute job name', '${hydra.job.name}/x', withJob({ name: '/etc' }), 'hydra.job.name'],
    ['an override dirname that climbs', 'runs/${hydra:job.override_dirname}', withJob({ override_dirname: 'a=x/../../..' }), 'hydra.job.override_dirname'],
    ['a config value with NUL', 'runs/${model.name}', { now, hydra, config: { model: { name: 'a\0' } } }, 'model.name'],
  ])('rejects %s with an OutputPathError naming the key', (_name, template, values, key) => {
    let caught: unknown;
    try {
      renderPathTemplate(template, values);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OutputPathError);
    expect((caught as OutputPathError).field).toBe(key);
    expect((caught as OutputPathError).message).toContain(JSON.stringify(template));
  });

  it("leaves the settings' own templates alone: a sweep folder may be absolute", () => {
    const values: PathTemplateVars = { now, hydra: { ...hydra, sweep: { dir: '/scratch/../sweeps', subdir: '0' } } };
    expect(renderPathTemplate('${hydra.sweep.dir}/${hydra.sweep.subdir}', values)).toBe('/scratch/../sweeps/0');
  });
});
