import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderJobScript } from '../../src/scheduler/render-job-script.js';
import { renderSbatchScript } from '../../src/launchers/slurm/render-sbatch-script.js';
import { sbatchFlags } from '../../src/launchers/slurm/sbatch-flags.js';
import { quoteShellWord } from '../../src/scheduler/shell-quote.js';
import { quoteSbatchValue } from '../../src/launchers/slurm/sbatch-value.js';
import { DEFAULT_CONFIG } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'slurm-quote-'));
const marker = join(dir, 'pwned');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NASTY: readonly (readonly [string, string])[] = [
  ['command substitution', `$(touch ${marker})`],
  ['backticks', `\`touch ${marker}\``],
  ['single quote breaking out', `'; touch ${marker}; echo '`],
  ['double quote breaking out', `"; touch ${marker}; echo "`],
  ['newline then a command', `x\ntouch ${marker}`],
  ['variable expansion', '$HOME ${PATH} $0'],
  ['backslashes', 'a\\b\\\\c\\'],
  ['glob', '*'],
  ['empty string', ''],
];

describe('shell quoting of user values', () => {
  it.each(NASTY)('keeps %s as data when bash sources the job file', (_name, value) => {
    const file = join(dir, 'job.sh');
    writeFileSync(file, renderJobScript({ num: 0, id: value, cwd: dir, env: { NASTY: value }, argv: ['printf', '%s|', value] }));
    const run = spawnSync('bash', ['-c', `. ${quoteShellWord(file)}; "\${_sm_argv[@]}"; printf '%s' "$NASTY"`], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${value}|${value}`);
    expect(existsSync(marker)).toBe(false);
  });

  it.each(NASTY.filter(([name]) => !name.startsWith('newline')))('writes %s on one #SBATCH line that bash ignores', (_name, value) => {
    const script = renderSbatchScript({
      launchId: value,
      folder: dir,
      flags: sbatchFlags({ ...DEFAULT_CONFIG, partition: value, comment: value, additional_parameters: { mail_user: value } }, { jobName: value, timeMin: 1 }),
      array: { offset: 0, count: 1, parallelism: 1 },
      stderrToStdout: false,
      setup: [],
      useSrun: false,
      srunArgs: [],
      signal: 'USR2',
      signalDelayS: 60,
      maxNumTimeout: 0,
    });
    const header = script.split('\n').filter((line) => line.startsWith('#SBATCH --job-name='));
    expect(header).toHaveLength(1);
    // Only the header: bash must treat every #SBATCH line as a comment.
    const headerOnly = script.split('\n').filter((line) => line.startsWith('#')).join('\n');
    const run = spawnSync('bash', ['-c', headerOnly], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    ['a line feed', 'gpu\ntouch /tmp/x'],
    ['a carriage return', 'gpu\rtouch'],
    ['a tab', 'a\tb'],
  ])('refuses an #SBATCH value with %s, naming the field', (_name, value) => {
    expect(() => quoteSbatchValue('hydra.launcher.partition', value)).toThrow(/hydra\.launcher\.partition.*line breaks and control characters/);
  });

  it('escapes double quotes and backslashes for sbatch', () => {
    expect(quoteSbatchValue('f', 'a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});
