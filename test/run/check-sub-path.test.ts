import { describe, expect, it } from 'vitest';
import { checkLaunchPath, checkPathValue, checkSubPath, subPathProblem } from '../../src/run/check-sub-path.js';
import { OutputPathError } from '../../src/run/output-path-error.js';

describe('a path below a folder', () => {
  it.each([
    ['a job number', '3'],
    ['a nested name', 'group/job_3'],
    ['an override dirname whose value holds a climbing path', 'data=../x,seed=1'],
    ['dots inside a name', 'a..b/...'],
    ['an empty segment in the middle (a URL in an override dirname)', 'db.url=https://h/x'],
    ['a trailing slash', 'a/'],
  ])('accepts %s', (_name, path) => {
    expect(subPathProblem(path)).toBeNull();
    expect(checkSubPath(path, 'hydra.sweep.subdir', '${hydra.job.num}', '')).toBe(path);
  });

  it.each([
    ['a ".." segment', '../escape', /"\.\." segment/],
    ['a ".." segment deep inside', 'a/b/../../..', /"\.\." segment/],
    ['".." alone', '..', /"\.\." segment/],
    ['an absolute path', '/etc/cron.d', /absolute/],
    ['an empty path (an empty job name)', '', /empty .*so the job would write straight into the parent folder/],
    ['"." (the sweep root itself)', '.', /empty \(or only/],
    ['only dots and slashes', './/./', /empty \(or only/],
    ['a NUL byte', 'a\0b', /NUL/],
    ['a segment longer than NAME_MAX', 'x'.repeat(256), /256 bytes, more than the 255/],
  ])('rejects %s with a typed error naming the setting, the template and the value', (_name, path, reason) => {
    expect(subPathProblem(path)).toMatch(reason);
    let caught: unknown;
    try {
      checkSubPath(path, 'hydra.sweep.subdir', '${hydra.job.name}', ' for job 2');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OutputPathError);
    const error = caught as OutputPathError;
    expect(error.code).toBe('ERR_OUTPUT_PATH');
    expect(error.field).toBe('hydra.sweep.subdir');
    expect(error.template).toBe('${hydra.job.name}');
    expect(error.value).toBe(path);
    expect(error.message).toContain('hydra.sweep.subdir "${hydra.job.name}" renders to');
    expect(error.message).toContain(' for job 2');
    expect(error.message).toMatch(reason);
    expect(error.message).toContain('exclude_keys');
  });

  it('shows a secret in the rendered path redacted', () => {
    expect(() => checkSubPath('../db.password=hunter2', 'hydra.sweep.subdir', '${hydra.job.override_dirname}', '')).toThrow(/db\.password=<redacted>/);
    expect(() => checkSubPath('../db.password=hunter2', 'hydra.sweep.subdir', '${hydra.job.override_dirname}', '')).not.toThrow(/hunter2/);
  });
});

describe('a value the job controls inside a run or sweep folder template', () => {
  it.each([['a name', 'train'], ['an override dirname with a relative value', 'data=../x'], ['an empty name', '']])('accepts %s', (_name, value) => {
    expect(checkPathValue(value, 'hydra.job.name', 'logs/${hydra.job.name}')).toBe(value);
  });

  it.each([
    ['climbs', '../../etc', /has a "\.\." segment/],
    ['is absolute', '/tmp/x', /is an absolute path/],
    ['holds NUL', 'a\0', /holds a NUL byte/],
  ])('is rejected when it %s', (_name, value, reason) => {
    expect(() => checkPathValue(value, 'hydra.job.name', 'logs/${hydra.job.name}')).toThrow(OutputPathError);
    expect(() => checkPathValue(value, 'hydra.job.name', 'logs/${hydra.job.name}')).toThrow(reason);
  });
});

describe('a run or sweep folder', () => {
  it('may be absolute or climb: the template is the user\'s own', () => {
    expect(checkLaunchPath('/scratch/runs', 'hydra.run.dir', '/scratch/runs')).toBe('/scratch/runs');
    expect(checkLaunchPath('../runs', 'hydra.run.dir', '../runs')).toBe('../runs');
  });

  it.each([['empty', ''], ['blank', '  '], ['holding NUL', 'logs/\0']])('is rejected when %s', (_name, path) => {
    expect(() => checkLaunchPath(path, 'hydra.sweep.dir', path)).toThrow(OutputPathError);
  });
});
